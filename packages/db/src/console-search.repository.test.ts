import { describe, expect, it } from "vitest";
import { searchConsole } from "./console-search.repository";
import { openSecretBox } from "./secret-box";
import {
  TEST_SECRET_KEY,
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const box = openSecretBox(TEST_SECRET_KEY);

async function fleet() {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id, name: "prod-eu" });
  const billing = await createAgent(db, {
    teamId: team.id,
    gatewayId: gateway.id,
    agentKey: "billing-4",
    name: "Billing triage 4",
  });
  await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "support", name: "Support" });
  const key = fakeApiKey("SEARCH");
  await createProfile(db, box, { teamId: team.id, gatewayId: gateway.id, secrets: { key } });
  await createProfile(db, box, {
    teamId: team.id,
    gatewayId: gateway.id,
    agentId: billing.id,
    type: "token",
    profileId: "anthropic:team-sub",
    secrets: { token: `sk-ant-oat01-${"t".repeat(80)}` },
  });
  return { team, gateway, billing, fingerprint: box.fingerprint(team.id, key) };
}

const search = (teamId: string, text: string, fingerprintPrefix: string | null = null, limit = 5) =>
  searchConsole(db, { teamId, text, fingerprintPrefix, limit });

describe("searchConsole", () => {
  it("finds agents by OpenClaw id or name, whatever the case, with their gateway", async () => {
    const { team, billing } = await fleet();
    expect((await search(team.id, "TRIAGE")).agents).toEqual([
      { id: billing.id, agentKey: "billing-4", name: "Billing triage 4", gatewayName: "prod-eu" },
    ]);
    expect((await search(team.id, "billing-4")).agents.map((agent) => agent.id)).toEqual([billing.id]);
  });

  it("finds profiles by id, naming the store they live in, and gateways by name", async () => {
    const { team, gateway, billing } = await fleet();
    const hits = await search(team.id, "anthropic:");
    expect(hits.profiles.map((profile) => [profile.profileId, profile.ownerAgent?.name ?? "shared"])).toEqual(
      [
        ["anthropic:default", "shared"],
        ["anthropic:team-sub", billing.name],
      ],
    );
    expect(hits.profiles[1]).toMatchObject({ type: "token", gatewayName: "prod-eu", fingerprint: null });
    expect((await search(team.id, "eu")).gateways).toEqual([{ id: gateway.id, name: "prod-eu" }]);
  });

  it("finds a profile by the start of its credential's fingerprint, and never returns a secret or a mask", async () => {
    const { team, fingerprint } = await fleet();
    const prefix = fingerprint.slice(0, 8);
    const hits = await search(team.id, prefix, prefix);
    expect(hits.profiles).toEqual([expect.objectContaining({ profileId: "anthropic:default", fingerprint })]);
    expect(JSON.stringify(hits)).not.toMatch(/sk-ant-|\.\.\./);
  });

  it("stays inside the team, treats wildcards literally, and caps each kind", async () => {
    const { team, fingerprint } = await fleet();
    const other = await fleet();
    expect((await search(other.team.id, fingerprint.slice(0, 8), fingerprint.slice(0, 8))).profiles).toEqual(
      [],
    );
    expect((await search(team.id, "%")).agents).toEqual([]);
    expect((await search(team.id, "_")).agents).toEqual([]);
    expect((await search(team.id, "", null, 1)).agents).toHaveLength(1);
  });
});
