// What the connector suite's global setup started, for the tests: console URLs, the database, the Gateway.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RealGateway } from "@clawfleet/openclaw-gateway/testing/real-gateway";

export const STACK_FILE = join(import.meta.dirname, "..", "test-results", "connector-stack.json");

export type StackHandle = {
  consoles: [string, string];
  databaseUrl: string;
  secretKey: string;
  /** The Gateway as started, without its `stop` (global teardown stops it): the host's side of the suite. */
  gateway: Omit<RealGateway, "stop">;
  /** The console's id of the gateway the suite drives (imported as "real-host" into the demo team). */
  gatewayId: string;
  workDir: string;
  logDir: string;
};

export function readStack(): StackHandle {
  return JSON.parse(readFileSync(STACK_FILE, "utf8")) as StackHandle;
}
