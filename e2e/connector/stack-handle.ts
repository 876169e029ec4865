// What the connector suite's global setup started, for the tests: console URLs, the database, the Gateway.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const STACK_FILE = join(import.meta.dirname, "..", "test-results", "connector-stack.json");

export type StackHandle = {
  consoles: [string, string];
  databaseUrl: string;
  secretKey: string;
  gateway: {
    url: string;
    token: string;
    version: string;
    /** HOME and OPENCLAW_STATE_DIR of the Gateway, and the CLI it runs: the host's side of the suite. */
    home: string;
    stateDir: string;
    node: string;
    openclawMjs: string;
    port: number;
    pid: number;
  };
  /** The console's id of the gateway the suite drives (imported as "real-host" into the demo team). */
  gatewayId: string;
  workDir: string;
  logDir: string;
};

export function readStack(): StackHandle {
  return JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackHandle;
}
