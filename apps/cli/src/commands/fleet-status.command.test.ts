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

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { DATABASE_URL: process.env.DATABASE_URL },
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
});
