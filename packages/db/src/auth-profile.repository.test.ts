import { describe, expect, it } from "vitest";
import {
  createAuthProfile,
  findOrCreateSharedStore,
  listProfilesVisibleToAgent,
  readSecretForGatewayPush,
} from "./auth-profile.repository";
import { SecretDecryptError, openSecretBox } from "./secret-box";
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

async function rawDatabaseText(): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ dump: string }[]>(
    `SELECT string_agg(t::text, E'\\n') AS dump FROM (
       SELECT row_to_json(p)::text AS t FROM "AuthProfile" p
       UNION ALL SELECT row_to_json(s)::text FROM "AuthProfileSecret" s
       UNION ALL SELECT row_to_json(a)::text FROM "AuditEvent" a) rows`,
  );
  return rows[0]?.dump ?? "";
}

describe("auth profile secrets", () => {
  it("stores only ciphertext, fingerprint and mask; the raw rows never contain the plaintext", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const key = fakeApiKey("CANARYrawrow");
    const profile = await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      secrets: { key },
    });

    expect(profile.secrets).toEqual([
      {
        field: "key",
        fingerprint: box.fingerprint(team.id, key),
        mask: `${key.slice(0, 8)}...${key.slice(-8)}`,
      },
    ]);
    const dump = await rawDatabaseText();
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(13, 25));
    expect(
      await readSecretForGatewayPush(db, box, { teamId: team.id, authProfileId: profile.id, field: "key" }),
    ).toBe(key);
  });

  it("refuses to decrypt a ciphertext copied into another profile's row", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const store = await findOrCreateSharedStore(db, { teamId: team.id, gatewayId: gateway.id });
    const victim = await createAuthProfile(db, box, {
      teamId: team.id,
      storeId: store.id,
      profileId: "anthropic:victim",
      provider: "anthropic",
      type: "api_key",
      secrets: { key: fakeApiKey("victim") },
    });
    const attacker = await createAuthProfile(db, box, {
      teamId: team.id,
      storeId: store.id,
      profileId: "anthropic:attacker",
      provider: "anthropic",
      type: "api_key",
      secrets: { key: fakeApiKey("attacker") },
    });
    await db.$executeRaw`UPDATE "AuthProfileSecret" SET ciphertext = (SELECT ciphertext FROM "AuthProfileSecret" WHERE "authProfileId" = ${victim.id}::uuid) WHERE "authProfileId" = ${attacker.id}::uuid`;

    await expect(
      readSecretForGatewayPush(db, box, { teamId: team.id, authProfileId: attacker.id, field: "key" }),
    ).rejects.toThrow(SecretDecryptError);
  });

  it("lists an agent's own profiles and the shared store's, never another gateway's", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const otherGateway = await createGateway(db, { teamId: team.id });
    const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id });
    await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      secrets: { key: fakeApiKey("shared") },
    });
    await createProfile(db, box, {
      teamId: team.id,
      gatewayId: otherGateway.id,
      profileId: "openai:default",
      secrets: { key: "sk-other-gateway-0000000000000000" },
    });
    const ownStore = await db.credentialStore.create({
      data: { teamId: team.id, gatewayId: gateway.id, agentId: agent.id },
    });
    await createAuthProfile(db, box, {
      teamId: team.id,
      storeId: ownStore.id,
      profileId: "anthropic:work",
      provider: "anthropic",
      type: "token",
      secrets: { token: `sk-ant-oat01-${"FAKE".repeat(20)}` },
    });

    const visible = await listProfilesVisibleToAgent(db, { teamId: team.id, agentId: agent.id });
    expect(visible.map((profile) => [profile.profileId, profile.owner.kind])).toEqual([
      ["anthropic:default", "shared"],
      ["anthropic:work", "agent"],
    ]);
  });
});
