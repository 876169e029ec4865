// The process edge of `clawfleet-agent`: hands the environment, stdin, fetch, clock and randomness to `main`, turns
// SIGTERM/SIGINT into a graceful stop (the job in hand is finished, within a bound), and sets the exit code.
import type { AgentIo } from "./agent-io";
import { main } from "./main";
import { readProcessStdin } from "./process-stdin";

/** How long a stop waits for the job in hand before the process exits anyway (its journal says `started`). */
const SHUTDOWN_GRACE_MS = 120_000;

const stopping = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  });

const io: AgentIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // eslint-disable-next-line no-restricted-syntax -- the process edge: the one place this package reads env
  env: process.env,
  readStdin: readProcessStdin,
  fetch: globalThis.fetch,
  now: () => Date.now(),
  random: () => Math.random(),
  stop: stopping.signal,
};
process.exitCode = await main(process.argv.slice(2), io);
