import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openClawCli } from "./openclaw-cli";

const folder = mkdtempSync(join(tmpdir(), "clawfleet-openclaw-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A stand-in CLI that answers after `seconds`. */
function slowCli(seconds: number): string {
  const bin = join(folder, `openclaw-after-${seconds}s`);
  writeFileSync(bin, `#!/bin/sh\nsleep ${seconds}\necho done\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe("openClawCli time budget", () => {
  it("stops a run past its budget, saying how long it waited", async () => {
    const run = openClawCli({ bin: slowCli(1), env: { PATH: process.env.PATH } });
    await expect(run({ args: ["models", "status"], timeoutMs: 200 })).rejects.toMatchObject({
      status: "retry",
      error: {
        code: "OPENCLAW_CLI_TIMEOUT",
        message: "openclaw models status did not finish within 200 ms",
      },
    });
  });

  it("scales every budget by timeoutScale, for a host slower than the budgets assume", async () => {
    const run = openClawCli({ bin: slowCli(0.3), env: { PATH: process.env.PATH }, timeoutScale: 20 });
    await expect(run({ args: ["models", "status"], timeoutMs: 100 })).resolves.toMatchObject({
      stdout: "done\n",
    });
  });
});
