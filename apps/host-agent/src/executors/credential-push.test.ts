// The secret's path through the CLI, with a stand-in `openclaw` (a shell script) so every spawn can be inspected.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { HostJobPayloadOf } from "@clawfleet/core/connector/host-jobs";
import { JobProblem } from "../job-outcome";
import { openClawCli, type SpawnedProcess } from "../openclaw-cli";
import { scrubSecrets } from "../secret-scrub";
import { expiresInArgument, pushCredential } from "./credential-push";
import type { ExecutorContext, GatewayRequester } from "./executor-context";

const TOKEN = `sk-ant-oat01-${"T".repeat(90)}`;
const NOW = Date.parse("2026-11-30T10:00:00Z");

/** A fake `openclaw` that records its argv and stdin, then prints `output` and exits `exitCode`. */
function fakeOpenClaw(output: string, exitCode: number) {
  const dir = mkdtempSync(join(os.tmpdir(), "clawfleet-fake-openclaw-"));
  const bin = join(dir, "openclaw");
  writeFileSync(
    bin,
    [
      "#!/bin/sh",
      `printf '%s\\n' "$@" > '${dir}/argv'`,
      `cat > '${dir}/stdin'`,
      `printf '%s\\n' "${output}" >&2`,
      `exit ${exitCode}`,
      "",
    ].join("\n"),
  );
  chmodSync(bin, 0o755);
  return {
    bin,
    argv: () => readFileSync(join(dir, "argv"), "utf8"),
    stdin: () => readFileSync(join(dir, "stdin"), "utf8"),
  };
}

/** A Gateway that knows agents main and ops, and lists the pushed profile afterwards. */
const gateway: GatewayRequester = {
  request: (method) => {
    if (method === "config.get")
      return Promise.resolve({ hash: "h1", configRevisionHash: "r1", appliedConfigHash: "r1" });
    if (method === "agents.list")
      return Promise.resolve({ defaultId: "main", agents: [{ id: "main" }, { id: "ops" }] });
    if (method === "models.authRefresh") return Promise.resolve({ refreshed: true });
    if (method === "models.authStatus")
      return Promise.resolve({
        providers: [
          { provider: "anthropic", profiles: [{ profileId: "anthropic:fleet-token", type: "token" }] },
        ],
      });
    return Promise.reject(new Error(`unexpected ${method}`));
  },
};

function context(bin: string, spawned: SpawnedProcess[]): ExecutorContext {
  return {
    gateway: () => Promise.resolve(gateway),
    openclaw: openClawCli({ bin, env: { PATH: process.env.PATH }, onSpawn: (run) => spawned.push(run) }),
    now: () => NOW,
    sleep: () => Promise.resolve(),
    reportStatuses: () => Promise.resolve(0),
  };
}

const job: HostJobPayloadOf<"credential.push"> = {
  kind: "credential.push",
  authProfileId: "6f3c2a57-1f0e-4c39-9d55-2f2b0c4f8e11",
  profileId: "anthropic:fleet-token",
  provider: "anthropic",
  type: "token",
  storeAgentKey: null,
  expiresAt: "2026-11-30T12:00:00Z",
  reauthRequestId: null,
};

describe("pushing a setup-token through the CLI", () => {
  test("the token goes to stdin only: the spawned argv never holds it", async () => {
    const fake = fakeOpenClaw("Auth profile: anthropic:fleet-token (anthropic/token)", 0);
    const spawned: SpawnedProcess[] = [];
    const result = await pushCredential(job, context(fake.bin, spawned), TOKEN);
    expect(result.profileId).toBe("anthropic:fleet-token");
    expect(result.summary).toBe("Stored anthropic:fleet-token (token) in the shared store");
    expect(spawned).toHaveLength(1);
    expect(spawned[0]?.args).toEqual([
      "models",
      "auth",
      "paste-token",
      "--provider",
      "anthropic",
      "--profile-id",
      "anthropic:fleet-token",
      "--agent",
      "main",
      "--expires-in",
      "7200s",
    ]);
    expect(JSON.stringify(spawned)).not.toContain(TOKEN);
    expect(fake.argv()).not.toContain(TOKEN);
    expect(fake.stdin()).toBe(`${TOKEN}\n`);
  });

  test("a CLI failure that echoes the token reaches the console scrubbed", async () => {
    const fake = fakeOpenClaw(`Expected token starting with sk-ant-oat01, got ${TOKEN}`, 1);
    const error = await pushCredential(job, context(fake.bin, []), TOKEN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobProblem);
    const problem = error as JobProblem;
    expect(problem.status).toBe("failed");
    expect(problem.error.message).toBe("Expected token starting with sk-ant-oat01, got [redacted]");
    expect(JSON.stringify(problem.error)).not.toContain(TOKEN);
  });

  test("the console's expiry becomes the seconds left; an expired token is refused before the CLI runs", () => {
    expect(expiresInArgument("2026-11-30T10:30:00Z", NOW)).toBe("1800s");
    expect(() => expiresInArgument("2026-11-30T09:59:59Z", NOW)).toThrow(JobProblem);
  });
});

describe("scrubbing", () => {
  test("replaces every occurrence of the secret, also when it came with whitespace around it", () => {
    expect(scrubSecrets(`a ${TOKEN} b ${TOKEN}`, [`${TOKEN}\n`])).toBe("a [redacted] b [redacted]");
    expect(scrubSecrets("nothing secret", [undefined, ""])).toBe("nothing secret");
  });
});
