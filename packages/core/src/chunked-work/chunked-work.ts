/**
 * A long pure computation (reading, checking and planning a 100,000-agent import) is written as a generator
 * that yields a progress mark every few thousand items. Core stays free of clocks and I/O: a caller with an
 * event loop (the worker) resumes the generator after letting other work run, so no single stretch holds
 * the loop; a caller without one (the CLI, a test) runs it to the end at once with {@link finishNow}.
 */

/** Where a computation is: a phase in words (`planning`) and how far through it. */
export type WorkMark = { phase: string; done: number; total: number };

export type ChunkedWork<T> = Generator<WorkMark, T, undefined>;

/** Items handled between two marks: small enough that a chunk takes a few milliseconds. */
export const ITEMS_PER_MARK = 1_000;

/** Runs `work` to the end without pausing. */
export function finishNow<T>(work: ChunkedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** True after every {@link ITEMS_PER_MARK}-th item of a loop (`index` counts from 0). */
export function isMarkDue(index: number): boolean {
  return index % ITEMS_PER_MARK === ITEMS_PER_MARK - 1;
}
