/** Builders for test rows, shared by db, web and e2e tests. Secrets here are fake and marked as such. */
import type { Role } from "@clawfleet/core/access/role";
import type { AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import { createAuthProfile, findOrCreateSharedStore } from "../auth-profile.repository";
import type { Db } from "../client";
import { hashPassword } from "../password";
import type { SecretBox } from "../secret-box";

let sequence = 0;
const nextSuffix = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function createTeam(db: Db, name = `Team ${nextSuffix()}`) {
  return db.team.create({ data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") } });
}

export async function createMember(
  db: Db,
  { teamId, role, email, password }: { teamId: string; role: Role; email?: string; password?: string },
) {
  const user = await db.user.create({
    data: {
      email: email ?? `${role}-${nextSuffix()}@example.test`,
      name: `Test ${role}`,
      passwordHash: password ? await hashPassword(password) : null,
    },
  });
  await db.membership.create({ data: { teamId, userId: user.id, role } });
  return user;
}

export async function createGateway(db: Db, { teamId, name }: { teamId: string; name?: string }) {
  return db.gateway.create({
    data: {
      teamId,
      name: name ?? `gateway-${nextSuffix()}`,
      stateDir: "/home/openclaw/.openclaw",
      homeDir: "/home/openclaw",
      openclawVersion: "2026.9.6",
      defaultModel: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] },
    },
  });
}

export async function createAgent(
  db: Db,
  {
    teamId,
    gatewayId,
    agentKey,
    name,
  }: { teamId: string; gatewayId: string; agentKey?: string; name?: string },
) {
  const key = agentKey ?? `agent-${nextSuffix()}`;
  return db.agent.create({ data: { teamId, gatewayId, agentKey: key, name: name ?? key } });
}

export async function createSharedProfile(
  db: Db,
  box: SecretBox,
  {
    teamId,
    gatewayId,
    type = "api_key",
    profileId = "anthropic:default",
    secrets,
  }: {
    teamId: string;
    gatewayId: string;
    type?: AuthProfileType;
    profileId?: string;
    secrets: Partial<Record<SecretField, string>>;
  },
) {
  const store = await findOrCreateSharedStore(db, { teamId, gatewayId });
  return createAuthProfile(db, box, {
    teamId,
    storeId: store.id,
    profileId,
    provider: profileId.split(":")[0] ?? "anthropic",
    type,
    secrets,
  });
}

/** A syntactically valid, obviously fake Anthropic API key. */
export function fakeApiKey(marker = "FAKE"): string {
  return `sk-ant-api03-${marker}${"x".repeat(Math.max(0, 95 - marker.length))}AA`;
}

/** 32 zero-free random-looking bytes in base64, for a test SecretBox. */
export const TEST_SECRET_KEY = Buffer.from("clawfleet-test-key-32-bytes-long").toString("base64");
