// The journal that makes a job's effect happen once although the console may deliver it again (the agent was
// killed mid-job, or its result never reached the console). One JSON line per event, ids and results only (a
// result is the summary the console shows; no secret is ever part of it):
//   {"jobId","kind","state":"started","at"}                      written before the job touches OpenClaw
//   {"jobId","kind","state":"applied","at","result"}             written once it applied
// A redelivered job the journal has as `applied` is answered from here without touching OpenClaw; one that only
// `started` is run again by executors that first look at the host's current state.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  hostJobResultSchema,
  type HostJobKind,
  type HostJobResult,
} from "@clawfleet/core/connector/host-jobs";
import { z } from "zod";

const journalLineSchema = z.discriminatedUnion("state", [
  z.object({ jobId: z.string(), kind: z.string(), state: z.literal("started"), at: z.string() }),
  z.object({
    jobId: z.string(),
    kind: z.string(),
    state: z.literal("applied"),
    at: z.string(),
    result: hostJobResultSchema,
  }),
]);
type JournalLine = z.infer<typeof journalLineSchema>;

export type JournalEntry = { state: "started" } | { state: "applied"; result: HostJobResult };

/** Jobs remembered; older ones are pruned (a redelivery comes within a lease, minutes, not thousands of jobs). */
export const JOURNAL_KEEP_JOBS = 1000;

export class JobJournal {
  private readonly entries = new Map<string, JournalLine>();

  private constructor(
    private readonly path: string,
    private readonly now: () => number,
  ) {}

  /** Loads the journal (a torn last line from a crash is skipped) and prunes it to the newest jobs. */
  static open(path: string, now: () => number): JobJournal {
    const journal = new JobJournal(path, now);
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch {
      // no journal yet
    }
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue;
      }
      const parsed = journalLineSchema.safeParse(json);
      if (!parsed.success) continue;
      // Re-insert so the Map's order is the order of each job's latest event.
      journal.entries.delete(parsed.data.jobId);
      journal.entries.set(parsed.data.jobId, parsed.data);
    }
    journal.prune();
    return journal;
  }

  lookup(jobId: string): JournalEntry | undefined {
    const line = this.entries.get(jobId);
    if (!line) return undefined;
    return line.state === "applied" ? { state: "applied", result: line.result } : { state: "started" };
  }

  recordStarted(jobId: string, kind: HostJobKind) {
    this.append({ jobId, kind, state: "started", at: new Date(this.now()).toISOString() });
  }

  recordApplied(jobId: string, kind: HostJobKind, result: HostJobResult) {
    this.append({ jobId, kind, state: "applied", at: new Date(this.now()).toISOString(), result });
  }

  private append(line: JournalLine) {
    this.entries.delete(line.jobId);
    this.entries.set(line.jobId, line);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    appendFileSync(this.path, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    if (this.entries.size > JOURNAL_KEEP_JOBS * 2) this.prune();
  }

  /** Keeps the newest `JOURNAL_KEEP_JOBS` jobs and rewrites the file when anything was dropped. */
  private prune() {
    if (this.entries.size <= JOURNAL_KEEP_JOBS) return;
    const keep = [...this.entries.values()].slice(-JOURNAL_KEEP_JOBS);
    this.entries.clear();
    for (const line of keep) this.entries.set(line.jobId, line);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileSync(this.path, keep.map((line) => `${JSON.stringify(line)}\n`).join(""), { mode: 0o600 });
  }
}
