/** Builders for test rows, shared by db, web and e2e tests. Secrets here are fake and marked as such. */
import type { Role } from "@clawfleet/core/access/role";
import type { AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import { type NewAuthProfile, createAuthProfile, findOrCreateSharedStore } from "../auth-profile.repository";
import type { Db } from "../client";
import { createInvitation, createSignUpLink, issueInvitationToken } from "../invitation.repository";
import { hashPassword } from "../password";
import type { SecretBox } from "../secret-box";
import {
  type StatusSnapshotRecord,
  recordComputedSnapshot,
  recordReportedSnapshot,
} from "../status-snapshot.repository";

let sequence = 0;
const nextSuffix = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function createTeam(db: Db, name = `Team ${nextSuffix()}`) {
  return db.team.create({ data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") } });
}

export async function createMember(
  db: Db,
  {
    teamId,
    role,
    email,
    password,
    emailVerified = true,
  }: { teamId: string; role: Role; email?: string; password?: string; emailVerified?: boolean },
) {
  const user = await db.user.create({
    data: {
      email: email ?? `${role}-${nextSuffix()}@example.test`,
      name: `Test ${role}`,
      passwordHash: password ? await hashPassword(password) : null,
      emailVerifiedAt: emailVerified ? new Date() : null,
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

/**
 * A profile in a gateway's shared store, or, with `agentId`, in that agent's own store (each created when
 * missing). Defaults: an API key profile `anthropic:default`.
 */
export async function createProfile(
  db: Db,
  box: SecretBox,
  {
    teamId,
    gatewayId,
    agentId,
    type = "api_key",
    profileId = "anthropic:default",
    secrets,
    expires,
    usage,
  }: {
    teamId: string;
    gatewayId: string;
    agentId?: string;
    type?: AuthProfileType;
    profileId?: string;
    secrets: Partial<Record<SecretField, string>>;
    expires?: Date;
    usage?: NewAuthProfile["usage"];
  },
) {
  const store = agentId
    ? ((await db.credentialStore.findFirst({ where: { teamId, agentId }, select: { id: true } })) ??
      (await db.credentialStore.create({ data: { teamId, gatewayId, agentId }, select: { id: true } })))
    : await findOrCreateSharedStore(db, { teamId, gatewayId });
  return createAuthProfile(db, box, {
    teamId,
    storeId: store.id,
    profileId,
    provider: profileId.split(":")[0] ?? "anthropic",
    type,
    secrets,
    expires,
    usage,
  });
}

/** A pending invitation of `teamId` for `email`, valid for a day, with its link token. */
export async function createInvitationLink(
  db: Db,
  { teamId, email, role, invitedById }: { teamId: string; email: string; role: Role; invitedById: string },
): Promise<{ token: string; invitationId: string }> {
  const { token, tokenHash } = issueInvitationToken();
  const invitation = await createInvitation(db, {
    teamId,
    email: email.toLowerCase(),
    role,
    tokenHash,
    expiresAt: new Date(Date.now() + 86_400_000),
    invitedById,
  });
  return { token, invitationId: invitation.id };
}

/** A mailed sign-up link of an invitation, valid for half an hour, with its token (as the mail holds it). */
export async function createSignUpLinkToken(
  db: Db,
  { invitationId }: { invitationId: string },
): Promise<string> {
  const { token, tokenHash } = issueInvitationToken();
  await createSignUpLink(db, { invitationId, tokenHash, expiresAt: new Date(Date.now() + 30 * 60_000) });
  return token;
}

/** A stored snapshot of an agent: a host's report as posted, or a computed outcome. */
export function createSnapshot(
  db: Db,
  snapshot: { teamId: string; agentId: string; takenAt: Date } & (
    { source: "reported"; body: unknown } | { source: "computed"; status: ModelsStatusOutcome }
  ),
): Promise<StatusSnapshotRecord> {
  return snapshot.source === "reported"
    ? recordReportedSnapshot(db, snapshot)
    : recordComputedSnapshot(db, snapshot);
}

/** A syntactically valid, obviously fake Anthropic API key. */
export function fakeApiKey(marker = "FAKE"): string {
  return `sk-ant-api03-${marker}${"x".repeat(Math.max(0, 95 - marker.length))}AA`;
}

/** 32 zero-free random-looking bytes in base64, for a test SecretBox. */
export const TEST_SECRET_KEY = Buffer.from("clawfleet-test-key-32-bytes-long").toString("base64");
