import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The real `openclaw models status` captures kept in the repository (fixtures/openclaw-status, issue 14). */
export const STATUS_FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "fixtures",
  "openclaw-status",
);

/** One capture's folder, or a file in it: `statusFixture("03-agent-no-credentials", "output", "stdout.json")`. */
export function statusFixture(...parts: string[]): string {
  return join(STATUS_FIXTURES, ...parts);
}
