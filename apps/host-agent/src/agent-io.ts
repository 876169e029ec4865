import type { Fetch } from "./console-channel";
import type { Env } from "./env-value";

/** Everything a command touches outside its arguments, so tests run the real commands in-process. */
export type AgentIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Env;
  /** Reads all of stdin, or null when stdin is a terminal (nothing piped). */
  readStdin: () => Promise<string | null>;
  fetch: Fetch;
  now: () => number;
  random: () => number;
  /** Aborts on SIGTERM/SIGINT: `run` finishes the job in hand and returns 0. */
  stop: AbortSignal;
};
