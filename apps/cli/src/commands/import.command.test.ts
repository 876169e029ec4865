import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { statusJsonDifferences } from "@clawfleet/core/models-status/status-parity";
import { TEST_SECRET_KEY, createTeam } from "@clawfleet/db/testing/factories";
import { FIXTURE_HOME, statusFixtureCases } from "@clawfleet/db/testing/openclaw-fixtures";
import { tenantDataChecksum } from "@clawfleet/db/testing/tenant-checksum";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { beforeAll, describe, expect, it } from "vitest";

import { main } from "../main";

const db = useTestDb();
/** gatewayEditSchema wants an absolute home; the fixtures' `<TMP>/home` is restored before comparing. */
const HOME = "/tmp/clawfleet-cli-home";
let teamId = "";
let teamSlug = "";

beforeAll(async () => {
  const team = await createTeam(db);
  teamId = team.id;
  teamSlug = team.slug;
});

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      CLAWFLEET_SECRET_KEY: TEST_SECRET_KEY,
      USER: "tester",
      ...env,
    },
  });
  return { code, stdout, stderr };
}

describe.each(statusFixtureCases())("clawfleet import + models status --gateway: $name", (testCase) => {
  it("imports the folder and computes the real CLI's output from the database", async () => {
    const gateway = `cli-${testCase.name.slice(0, 2)}`;
    const imported = await run([
      "import",
      "--gateway",
      gateway,
      "--team",
      teamSlug,
      "--home",
      HOME,
      testCase.inputDir,
    ]);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported into gateway "${gateway}"`);

    const agentArgs = testCase.agentArg ? ["--agent", testCase.agentArg] : [];
    const status = await run([
      "models",
      "status",
      "--gateway",
      gateway,
      "--json",
      "--now",
      String(testCase.now),
      ...agentArgs,
    ]);
    const printed = JSON.parse(status.stdout.replaceAll(HOME, FIXTURE_HOME)) as unknown;
    expect(statusJsonDifferences(printed, testCase.expectedStdout)).toEqual([]);
    expect(status.code).toBe(testCase.expectedExitCode);
  });
});

describe("clawfleet import", () => {
  const [fixture] = statusFixtureCases();
  if (!fixture) throw new Error("no fixtures");

  it("--dry-run prints the plan and changes nothing", async () => {
    const before = await tenantDataChecksum(db, teamId);
    const result = await run(["import", "--gateway", "dry", "--home", HOME, "--dry-run", fixture.inputDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Agents:   1 to create");
    expect(result.stdout).toContain("Dry run: nothing was changed.");
    expect(result.stdout).not.toContain("EXAMPLEKEY");
    expect(await tenantDataChecksum(db, teamId)).toBe(before);
  });

  it("re-importing the same folder plans no change", async () => {
    await run(["import", "--gateway", "again", "--home", HOME, fixture.inputDir]);
    const second = await run(["import", "--gateway", "again", "--dry-run", fixture.inputDir]);
    expect(second.stdout).toContain("0 to create, 0 to change, 0 to remove, 1 unchanged");
    expect(second.stdout).not.toContain("Changes:");
  });

  it("refuses bad files with exit 2, naming file, line and column, and changes nothing", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "clawfleet-bad-"));
    writeFileSync(path.join(folder, "openclaw.json"), "{\n  agents: {,\n}");
    const before = await tenantDataChecksum(db, teamId);
    const result = await run(["import", "--gateway", "bad", "--home", HOME, folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/openclaw\.json:2:\d+: JSON5: invalid character ','/u);
    expect(await tenantDataChecksum(db, teamId)).toBe(before);
  });

  it("offers the env.vars rewrite for the seed page's config, and imports with it once accepted", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "clawfleet-env-"));
    writeFileSync(
      path.join(folder, "openclaw.json"),
      '{ env: { ANTHROPIC_API_KEY: "sk-ant-api03-FAKExxxxxxxxxxxxxxxxxxxxxxxxxxxx12345678" } }',
    );
    const before = await tenantDataChecksum(db, teamId);
    const refused = await run(["import", "--gateway", "env-seed", "--home", HOME, folder]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('env: Unrecognized key: "ANTHROPIC_API_KEY"');
    expect(refused.stderr).toContain("Run the same command with --accept-env-vars-rewrite");
    expect(refused.stderr).not.toContain("FAKExxx");
    expect(await tenantDataChecksum(db, teamId)).toBe(before);

    const accepted = await run([
      ...["import", "--gateway", "env-seed", "--home", HOME],
      ...["--accept-env-vars-rewrite", folder],
    ]);
    expect(accepted.stderr).toBe("");
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(
      "Rewritten as you accepted: ANTHROPIC_API_KEY moved from env into env.vars",
    );
    expect(accepted.stdout).toContain('Imported into gateway "env-seed"');
  });

  it("refuses a symbolic link instead of following it", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "clawfleet-link-"));
    mkdirSync(path.join(folder, "agents", "main"), { recursive: true });
    writeFileSync(path.join(folder, "openclaw.json"), "{}");
    symlinkSync("/etc/hostname", path.join(folder, "shared-auth-profiles.json"));
    const result = await run(["import", "--gateway", "link", "--home", HOME, folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("shared-auth-profiles.json is a symbolic link");
  });

  it("explains missing settings with exit 1", async () => {
    expect((await run(["import", fixture.inputDir])).stderr).toContain("--gateway <name> is required");
    expect(
      (await run(["import", "--gateway", "x", fixture.inputDir], { DATABASE_URL: undefined })).stderr,
    ).toContain("DATABASE_URL is not set");
    const badKey = await run(["import", "--gateway", "x", fixture.inputDir], {
      CLAWFLEET_SECRET_KEY: "short",
    });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain("CLAWFLEET_SECRET_KEY must be exactly 32 bytes");
    expect((await run(["import", "--gateway", "x", "--team", "nope", fixture.inputDir])).stderr).toContain(
      'No team with slug "nope"',
    );
  });
});

describe("clawfleet models status --gateway", () => {
  it("names an unknown gateway", async () => {
    const result = await run(["models", "status", "--gateway", "missing", "--json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No gateway named "missing"');
  });

  it("refuses --from and --gateway together", async () => {
    const result = await run(["models", "status", "--gateway", "x", "--from", "/tmp"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("give either --from <folder> or --gateway <name>");
  });
});
