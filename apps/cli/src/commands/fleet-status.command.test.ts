import { describe, expect, it } from "vitest";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
  TEST_SECRET_KEY,
} from "@clawfleet/db/testing/factories";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { refreshGatewayStatuses } from "@clawfleet/services/statuses/stored-statuses";

import { main } from "../main";

const db = useTestDb();

async function run(argv: string[], databaseUrl = process.env.DATABASE_URL) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { DATABASE_URL: databaseUrl },
  });
  return { code, stdout, stderr };
}

describe("clawfleet fleet status", () => {
  it("reads the stored roll-up, groups causes, and exits as --check would for the fleet", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id, name: "prod" });
    await createProfile(db, openSecretBox(TEST_SECRET_KEY), {
      teamId: team.id,
      gatewayId: gateway.id,
      secrets: { key: fakeApiKey() },
    });
    for (const agentKey of ["main", "work"])
      await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey });
    await db.gateway.update({
      where: { id: gateway.id },
      data: { extraConfig: { agents: { ownership: "explicit" } } },
    });
    await refreshGatewayStatuses({ db, now: () => new Date() }, { teamId: team.id, gatewayId: gateway.id });

    const healthy = await run(["fleet", "status", "--team", team.slug, "--check"]);
    expect(healthy.stderr).toBe("");
    expect(healthy.stdout).toContain(`Team ${team.slug}: 2 agents`);
    expect(healthy.stdout).toContain("ok 2 · expiring 0 · failing 0 · refused 0");
    expect(healthy.code).toBe(0);

    await db.agent.updateMany({ where: { gatewayId: gateway.id }, data: { model: "openai/gpt-5.4" } });
    await refreshGatewayStatuses({ db, now: () => new Date() }, { teamId: team.id, gatewayId: gateway.id });
    const failing = await run(["fleet", "status", "--team", team.slug, "--check"]);
    expect(failing.stdout).toContain("failing 2");
    expect(failing.stdout).toMatch(/- 2 agents · prod · .*openai/);
    expect(failing.code).toBe(1);

    const json = await run(["fleet", "status", "--team", team.slug, "--json"]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { counts: { failing: number } }).counts.failing).toBe(2);
  });

  it("says which database it cannot use and why, without the password in DATABASE_URL", async () => {
    const missing = new URL(process.env.DATABASE_URL ?? "");
    missing.pathname = "/clawfleet_no_such_database";
    missing.password = "pw-in-url-never-printed";
    const result = await run(["fleet", "status"], missing.href);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `cannot use the Clawfleet database at ${missing.hostname}:${missing.port || "5432"}/clawfleet_no_such_database: it does not exist;`,
    );
    expect(result.stderr).not.toContain("pw-in-url-never-printed");
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  });
});
