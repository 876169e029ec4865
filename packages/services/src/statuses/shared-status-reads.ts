/**
 * Reads of stored statuses that many people open at once (the fleet page, the auth matrix). Identical reads of
 * one team share one answer: concurrent ones wait for the read in flight instead of each running it, and later
 * ones reuse it for {@link STATUS_READ_REUSE_MS}. A status change made in this process (an edit, a report, a
 * refresh run here) forgets the team's answers at once; one written by another process (the worker) shows
 * within {@link STATUS_READ_REUSE_MS}. Countdowns are derived from absolute instants by the callers at each
 * read, so a reused answer never shows a stale countdown. Per process; what is stored never depends on it.
 */

/** How long a settled answer is reused: short, so a change written elsewhere shows within a page refresh. */
export const STATUS_READ_REUSE_MS = 2_000;
/** Distinct reads kept (team × query); the oldest is dropped first. */
const MAX_SHARED_READS = 256;

type SharedRead = { teamId: string; startedAt: number; answer: Promise<unknown> };

const sharedReads = new Map<string, SharedRead>();

/**
 * The answer of `read` for this team and `key` (what makes two reads identical: the procedure and its input),
 * shared with identical reads in flight or started less than {@link STATUS_READ_REUSE_MS} before `now`.
 * A failed read is not reused.
 */
export function sharedStatusRead<T>(
  { teamId, key, now }: { teamId: string; key: string; now: number },
  read: () => Promise<T>,
): Promise<T> {
  const id = `${teamId}\u0000${key}`;
  const known = sharedReads.get(id);
  const age = known ? now - known.startedAt : Infinity;
  if (known && age >= 0 && age < STATUS_READ_REUSE_MS) return known.answer as Promise<T>;
  const answer = read();
  sharedReads.delete(id);
  sharedReads.set(id, { teamId, startedAt: now, answer });
  answer.catch(() => {
    if (sharedReads.get(id)?.answer === answer) sharedReads.delete(id);
  });
  while (sharedReads.size > MAX_SHARED_READS) {
    const oldest = sharedReads.keys().next().value;
    if (oldest === undefined) break;
    sharedReads.delete(oldest);
  }
  return answer;
}

/** Called by every change to a team's stored statuses made in this process: its next read is fresh. */
export function forgetTeamStatusReads(teamId: string): void {
  for (const [id, shared] of sharedReads) if (shared.teamId === teamId) sharedReads.delete(id);
}
