import { createHash } from "node:crypto";
import type { ThrottleDecision, ThrottlePolicy } from "@clawfleet/core/throttling/throttle-policy";
import type { Db } from "./client";

/**
 * The stored key of a throttle: its scope in clear (for operators reading the table) and the subject (an email,
 * an address, a device id) as a sha256, so the table holds no personal data.
 */
export function throttleKey(scope: string, subject: string): string {
  return `${scope}:${createHash("sha256").update(subject).digest("hex")}`;
}

/** When `key` refuses hits at `now`, the instant it lets the next one through; otherwise null. Takes nothing. */
export async function findThrottleRetryAt(db: Db, key: string, now: Date): Promise<Date | null> {
  const rows = await db.$queryRaw<{ retryAt: Date }[]>`
    SELECT "retryAt" FROM "ThrottleBucket"
    WHERE "key" = ${key} AND "retryAt" > ${now} AND "windowEndsAt" > ${now}`;
  return rows[0]?.retryAt ?? null;
}

/**
 * Takes one hit from `key`'s bucket, or refuses. One statement: the row lock of `ON CONFLICT DO UPDATE`
 * serialises concurrent takers, each sees the count the one before it left, and a refused taker changes nothing
 * (the `WHERE` of the update is false). A bucket whose window has ended starts over at this hit.
 * A cheap read first keeps a flood of refused callers off the row lock.
 */
/** The `retryAt` of a bucket whose last hit set no wait: long past, whatever clock a caller reads. */
const NO_WAIT = new Date(0);

export async function takeThrottleHit(
  db: Db,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<ThrottleDecision> {
  const refusedUntil = await findThrottleRetryAt(db, key, now);
  if (refusedUntil) return { allowed: false, retryAt: refusedUntil };

  const waits = policy.waitsMs.map((wait) => Math.round(wait));
  const windowEndsAt = new Date(now.getTime() + policy.windowMs);
  // The wait after this hit is read from the policy's list by hit number (the last entry beyond its end), and
  // never runs past the window's end. A hit that sets no wait records NO_WAIT rather than its own `now`: a
  // concurrent caller whose clock was read a moment earlier would otherwise take that `now` for a running wait.
  const rows = await db.$queryRaw<{ hits: number; retryAt: Date }[]>`
    INSERT INTO "ThrottleBucket" AS bucket ("key", "hits", "windowEndsAt", "retryAt")
    VALUES (
      ${key}, 1, ${windowEndsAt},
      CASE WHEN (${waits}::int[])[1] = 0 THEN ${NO_WAIT}::timestamp(3)
        ELSE LEAST(${now}::timestamp(3) + make_interval(secs => (${waits}::int[])[1] / 1000.0), ${windowEndsAt}::timestamp(3))
      END
    )
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN bucket."windowEndsAt" <= ${now} THEN 1 ELSE bucket."hits" + 1 END,
      "windowEndsAt" = CASE WHEN bucket."windowEndsAt" <= ${now} THEN ${windowEndsAt} ELSE bucket."windowEndsAt" END,
      "retryAt" = (
        SELECT CASE WHEN wait_ms = 0 THEN ${NO_WAIT}::timestamp(3)
          ELSE LEAST(
            ${now}::timestamp(3) + make_interval(secs => wait_ms / 1000.0),
            CASE WHEN bucket."windowEndsAt" <= ${now} THEN ${windowEndsAt}::timestamp(3) ELSE bucket."windowEndsAt" END
          )
        END
        FROM (
          SELECT (${waits}::int[])[
            LEAST(CASE WHEN bucket."windowEndsAt" <= ${now} THEN 1 ELSE bucket."hits" + 1 END, ${waits.length})
          ] AS wait_ms
        ) AS this_hit
      )
    WHERE bucket."retryAt" <= ${now} OR bucket."windowEndsAt" <= ${now}
    RETURNING "hits", "retryAt"`;
  const taken = rows[0];
  if (taken)
    return { allowed: true, hit: taken.hits, nextAllowedAt: taken.retryAt > now ? taken.retryAt : null };
  // Another taker got there between the read and the upsert: report its wait.
  return { allowed: false, retryAt: (await findThrottleRetryAt(db, key, now)) ?? now };
}

/**
 * Gives back one hit taken from `key` (e.g. an attempt that turned out legitimate), so only failures add up. A
 * wait that hit already set stays: giving back never opens a bucket early.
 */
export async function refundThrottleHit(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "ThrottleBucket" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = ${key}`;
}

/** Forgets `key`'s count, e.g. after a successful sign-in. */
export async function resetThrottle(db: Db, key: string): Promise<void> {
  await db.throttleBucket.deleteMany({ where: { key } });
}

/** Deletes buckets whose window and wait are both over (they would start afresh anyway); returns how many. */
export async function deleteSpentThrottles(db: Db, now: Date): Promise<number> {
  const { count } = await db.throttleBucket.deleteMany({
    where: { windowEndsAt: { lte: now }, retryAt: { lte: now } },
  });
  return count;
}
