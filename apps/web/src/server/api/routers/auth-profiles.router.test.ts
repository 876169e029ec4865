import { describe, expect, it } from "vitest";
import { createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "../../testing/caller";

const db = useTestDb();
const canary = `sk-ant-api03-CANARYrouter${"q".repeat(80)}AA`;

describe("auth profiles router", () => {
  it.each([
    { key: "sk-ant-a...qqqqqqAA", refusal: "masked value" },
    { key: "your-key-here", refusal: "placeholder" },
    { key: "${ANTHROPIC_API_KEY}", refusal: "environment variable reference" },
  ])("refuses $refusal as a key, with the shared message and nothing stored", async ({ key, refusal }) => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const error = await as("admin")
      .authProfiles.createApiKey({ gatewayId: gateway.id, profileId: "anthropic:default", key })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(error)).toContain(refusal);
    expect(await db.authProfile.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("warns when an Anthropic key lacks the sk-ant-api03- prefix, and stores it", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const created = await as("admin").authProfiles.createApiKey({
      gatewayId: gateway.id,
      profileId: "anthropic:other",
      key: `sk-other-${"w".repeat(40)}`,
    });
    expect(created.warnings).toEqual([expect.stringContaining("sk-ant-api03-")]);
  });

  it("lets only an admin add a credential, and never returns or audits the secret", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const input = { gatewayId: gateway.id, profileId: "anthropic:default", key: canary };

    await expect(as("operator").authProfiles.createApiKey(input)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const created = await as("admin").authProfiles.createApiKey(input);

    expect(created.secrets).toEqual([expect.objectContaining({ field: "key", mask: "sk-ant-a...qqqqqqAA" })]);
    expect(JSON.stringify(created)).not.toContain("CANARY");
    const audit = await as("admin").audit.list({ limit: 5 });
    expect(audit[0]?.action).toBe("auth_profile.create");
    expect(JSON.stringify(audit)).not.toContain("CANARY");
  });

  it("refuses a duplicate profile id with CONFLICT and keeps one row", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const input = { gatewayId: gateway.id, profileId: "anthropic:default", key: canary };
    await as("admin").authProfiles.createApiKey(input);
    await expect(as("admin").authProfiles.createApiKey(input)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.authProfile.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("rejects a secret with internal whitespace without echoing it", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const error = await as("admin")
      .authProfiles.createApiKey({
        gatewayId: gateway.id,
        profileId: "anthropic:default",
        key: "sk-ant-api03-CANARY with space",
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(error)).not.toContain("CANARY");
    expect(await db.authProfile.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("adds a setup-token to an agent's own store, refuses one OpenClaw would refuse, in its words", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id });
    const target = { gatewayId: gateway.id, agentId: agent.id, profileId: "anthropic:sub" };
    const refused = await as("admin")
      .authProfiles.createSetupToken({ ...target, token: "sk-ant-api03-CANARYnotatoken" })
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(refused)).toContain("Expected token starting with sk-ant-oat01-");
    expect(JSON.stringify(refused)).not.toContain("CANARY");

    const token = `sk-ant-oat01-CANARYtoken${"t".repeat(80)}`;
    const created = await as("admin").authProfiles.createSetupToken({ ...target, token });
    expect(created).toMatchObject({ type: "token", owner: { kind: "agent", agentId: agent.id } });
    expect(JSON.stringify(created)).not.toContain("CANARY");
    expect(await as("viewer").authProfiles.reach({ authProfileId: created.id })).toMatchObject({
      agentCount: 1,
    });

    const elsewhere = await createGateway(db, { teamId: team.id });
    await expect(
      as("admin").authProfiles.createSetupToken({ ...target, gatewayId: elsewhere.id, token }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
