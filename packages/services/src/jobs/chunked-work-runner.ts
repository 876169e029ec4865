/**
 * Runs core's chunked work (see `@clawfleet/core/chunked-work/chunked-work`) inside a process that must
 * stay responsive: the worker runs other jobs, answers graphile-worker's LISTEN/NOTIFY and keeps its pool
 * alive while a 100,000-agent import is parsed and planned. Between two marks, once a slice of CPU time has
 * been used, it lets the event loop run before resuming.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ChunkedWork, WorkMark } from "@clawfleet/core/chunked-work/chunked-work";

/** CPU time a computation may take before it lets other work run. */
const SLICE_MS = 20;

/** Lets every callback waiting on the event loop run once. */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

export async function runChunkedWork<T>(
  work: ChunkedWork<T>,
  onMark?: (mark: WorkMark) => Promise<void>,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await onMark?.(step.value);
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
