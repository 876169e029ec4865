/**
 * A small fleet built through the real procedures, and one minimal valid input per tRPC procedure (next to
 * the policy table in api/procedure-policy.ts). The RBAC matrix and the leak scan call every procedure with
 * these; a procedure without a sample fails both. Samples that change state build what they consume (a fresh
 * member to remove, the current version to edit), so every allowed call can succeed, in any order.
 */
import type { Role } from "@clawfleet/core/access/role";
import type { DbClient } from "@clawfleet/db/client";
import {
  TEST_SECRET_KEY,
  createAgent,
  createInvitationLink,
  createSignUpLinkToken,
  createMember,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { refreshComputedSnapshot } from "@clawfleet/services/snapshots/agent-snapshots";
import { runQueuedJobsNow } from "@clawfleet/services/testing/run-queued-jobs";
import { teamWithMembers, testDeps } from "./caller";
import { importThroughJobs, previewThroughJobs } from "./import-through-jobs";
import { HOST_AGENT_PROCEDURE_SAMPLES } from "./host-agent-procedure-samples";
import { REAUTH_PROCEDURE_SAMPLES } from "./reauth-procedure-samples";

/** Calls one procedure by its path (`agents.list`) as some caller; how depends on the test (direct or HTTP). */
export type ProcedureCall = (path: string, input?: unknown) => Promise<unknown>;

export type SampleSecrets = { apiKey: string; setupToken: string; oauthAccess: string; oauthRefresh: string };

export const FAKE_SAMPLE_SECRETS: SampleSecrets = {
  apiKey: fakeApiKey("SAMPLE"),
  setupToken: `sk-ant-oat01-SAMPLE${"t".repeat(80)}`,
  oauthAccess: `sk-ant-oat01-SAMPLEACCESS${"a".repeat(70)}`,
  oauthRefresh: `sk-ant-ort01-SAMPLEREFRESH${"r".repeat(70)}`,
};

const HOME = "/home/openclaw";
const FAR_FUTURE_MS = Date.UTC(2031, 0, 1);

/** An OpenClaw state folder with every secret kind: shared API key, setup-token and OAuth, and an agent's own token. */
export function sampleStateFiles(secrets: SampleSecrets): { path: string; text: string }[] {
  const config = {
    agents: {
      ownership: "explicit",
      defaults: { model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] } },
      entries: { main: { name: "Main" }, helper: { name: "Helper", model: "anthropic/claude-sonnet-5" } },
    },
    auth: { order: { anthropic: ["anthropic:sub", "anthropic:work", "anthropic:default"] } },
  };
  const shared = {
    version: 1,
    profiles: {
      "anthropic:default": { type: "api_key", provider: "anthropic", key: secrets.apiKey },
      "anthropic:sub": {
        type: "token",
        provider: "anthropic",
        token: secrets.setupToken,
        expires: FAR_FUTURE_MS,
      },
      "anthropic:work": {
        type: "oauth",
        provider: "anthropic",
        access: secrets.oauthAccess,
        refresh: secrets.oauthRefresh,
        expires: FAR_FUTURE_MS,
        email: "work@example.test",
      },
    },
  };
  const sharedState = {
    version: 1,
    usageStats: {
      "anthropic:sub": { cooldownUntil: FAR_FUTURE_MS, cooldownReason: "rate_limit", errorCount: 2 },
    },
  };
  const helperStore = {
    version: 1,
    profiles: { "anthropic:own": { type: "token", provider: "anthropic", token: secrets.setupToken } },
  };
  return [
    { path: "openclaw.json", text: JSON.stringify(config, null, 2) },
    { path: "shared-auth-profiles.json", text: JSON.stringify(shared, null, 2) },
    { path: "shared-auth-state.json", text: JSON.stringify(sharedState, null, 2) },
    { path: "agents/helper/auth-profiles.json", text: JSON.stringify(helperStore, null, 2) },
  ];
}

const SAMPLE_BULK_ACTION = {
  kind: "params",
  change: { layer: { kind: "agent" }, set: { temperature: 0.5 }, clear: [] },
};

export type SampleFleet = Awaited<ReturnType<typeof buildSampleFleet>>;

let sequence = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${(sequence += 1)}`;

/**
 * Team A (one member per role) with a gateway imported from `sampleStateFiles`, an extra API key, a rotated
 * ingest token, snapshots and an import run; team B (another tenant); and team C, where invitations for the
 * accept procedures live, so accepting one never changes A's or B's memberships.
 */
export async function buildSampleFleet(
  db: DbClient,
  {
    secrets = FAKE_SAMPLE_SECRETS,
    transport,
  }: {
    secrets?: SampleSecrets;
    /** How the setup calls reach the procedures (default: createCaller); the leak scan goes through HTTP. */
    transport?: (user: { id: string }) => ProcedureCall;
  } = {},
) {
  const own = await teamWithMembers(db);
  const other = await teamWithMembers(db);
  const invitingTeam = await createTeam(db);
  const adminCall: ProcedureCall = transport
    ? transport(own.members.admin)
    : (path, input) => invokeProcedure(own.as("admin"), path, input);

  const files = sampleStateFiles(secrets);
  const { preview, gatewayId } = await importThroughJobs(adminCall, db, {
    target: { newGateway: { name: unique("sample"), homeDir: HOME, openclawVersion: "2026.9.6" } },
    upload: { files },
  });

  await adminCall("authProfiles.createApiKey", {
    gatewayId,
    profileId: "anthropic:added",
    key: secrets.apiKey,
  });
  const { version: gatewayVersion } = await db.gateway.findUniqueOrThrow({ where: { id: gatewayId } });
  const rotated = (await adminCall("ingestTokens.rotate", {
    gatewayId,
    expectedVersion: gatewayVersion,
  })) as {
    token: string;
  };

  const agents = await db.agent.findMany({ where: { gatewayId }, orderBy: { agentKey: "asc" } });
  const helper = agents.find((agent) => agent.agentKey === "helper");
  const main = agents.find((agent) => agent.agentKey === "main");
  const cooling = await db.authProfile.findFirst({
    where: { teamId: own.team.id, profileId: "anthropic:sub" },
  });
  if (!helper || !main || !cooling) throw new Error("sample import did not create the expected rows");

  const snapshots = [];
  for (const agent of [main, helper])
    snapshots.push(
      (await refreshComputedSnapshot(db, { teamId: own.team.id, agentId: agent.id, now: new Date() }))
        .snapshot,
    );

  const { bulkEditRunId } = (await invokeProcedure(own.as("operator"), "bulkEdits.start", {
    action: SAMPLE_BULK_ACTION,
    items: [{ agentId: main.id, expectedVersion: main.version }],
  })) as { bulkEditRunId: string };
  await runQueuedJobsNow(testDeps(db));

  const memberships = await db.membership.findMany({ where: { teamId: own.team.id } });
  const profiles = await db.authProfile.findMany({ where: { teamId: own.team.id }, select: { id: true } });
  const roleTarget = await createMember(db, { teamId: own.team.id, role: "viewer" });
  const roleTargetMembership = await db.membership.findFirstOrThrow({ where: { userId: roleTarget.id } });

  return {
    db,
    own,
    other,
    invitingTeamId: invitingTeam.id,
    gatewayId,
    agentId: helper.id,
    mainAgentId: main.id,
    authProfileId: cooling.id,
    snapshotIds: snapshots.map((snapshot) => snapshot.id),
    importRunId: preview.id,
    bulkEditRunId,
    roleTargetMembershipId: roleTargetMembership.id,
    ingestToken: rotated.token,
    /** Every id and email of team A: none may appear in an answer to team B. */
    ownMarkers: [
      own.team.id,
      gatewayId,
      ...agents.map((agent) => agent.id),
      ...memberships.map((membership) => membership.id),
      ...profiles.map((profile) => profile.id),
      ...snapshots.map((snapshot) => snapshot.id),
      ...Object.values(own.members).flatMap((member) => [member.id, member.email]),
      roleTargetMembership.id,
      preview.id,
      bulkEditRunId,
    ],
  };
}

/** Calls `path` on a tRPC caller (the object `createCaller` returns). */
export function invokeProcedure(
  caller: Record<string, unknown>,
  path: string,
  input?: unknown,
): Promise<unknown> {
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  if (typeof node !== "function") throw new Error(`${path} is not a procedure`);
  return (node as (input: unknown) => Promise<unknown>)(input);
}

export type SampleContext = { fleet: SampleFleet; caller: { id: string; email: string } | null };

async function version(
  model: "agent" | "gateway" | "authProfile" | "membership",
  id: string,
  db: DbClient,
): Promise<number> {
  const delegate = db[model] as unknown as {
    findUniqueOrThrow: (args: unknown) => Promise<{ version: number }>;
  };
  return (await delegate.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}

/** An invitation in team C (or team A for revoke) for `email`, with its link token. */
function freshInvitation(fleet: SampleFleet, teamId: string, email: string, role: Role = "viewer") {
  return createInvitationLink(fleet.db, { teamId, email, role, invitedById: fleet.own.members.admin.id });
}

type Sample = (context: SampleContext) => unknown;

/** One minimal valid input per procedure; keys are the procedure paths of PROCEDURE_POLICY. */
export const PROCEDURE_SAMPLES: Record<string, Sample> = {
  "session.current": () => undefined,
  "session.memberships": () => undefined,

  "agents.list": () => ({ search: "e", pageSize: 10 }),
  "agents.facets": () => undefined,
  "savedViews.list": () => ({ list: "agents" }),
  "savedViews.save": () => ({ list: "agents", name: "Failing", query: "status=failing" }),
  // The caller's own view in team A (a member of another team gets NOT_FOUND for it).
  "savedViews.remove": async ({ fleet, caller }) => ({
    id: (
      await fleet.db.savedView.create({
        data: {
          teamId: fleet.own.team.id,
          userId: caller?.id ?? fleet.own.members.admin.id,
          list: "auth-matrix",
          name: unique("view"),
          query: "filter=expiring",
        },
      })
    ).id,
  }),
  "agents.byId": ({ fleet }) => ({ agentId: fleet.agentId }),
  "agents.modelSettings": ({ fleet }) => ({ agentId: fleet.agentId }),
  "agents.update": async ({ fleet }) => ({
    agentId: fleet.agentId,
    expectedVersion: await version("agent", fleet.agentId, fleet.db),
    edit: { name: unique("Helper"), tags: ["sample"] },
  }),
  "agents.updateModel": async ({ fleet }) => ({
    agentId: fleet.agentId,
    expectedVersion: await version("agent", fleet.agentId, fleet.db),
    choice: { mode: "strict", primary: "anthropic/claude-opus-4-8" },
  }),
  "agents.updateParams": async ({ fleet }) => ({
    agentId: fleet.agentId,
    expectedVersion: await version("agent", fleet.agentId, fleet.db),
    edit: { layer: { kind: "agent" }, params: { cacheRetention: "short" } },
  }),
  "agents.setAuthOrder": async ({ fleet }) => ({
    agentId: fleet.agentId,
    expectedVersion: await version("agent", fleet.agentId, fleet.db),
    provider: "anthropic",
    profileIds: null,
  }),
  "agents.create": ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    agentKey: unique("new"),
    name: "New agent",
    workspace: "",
    model: "",
  }),
  "agents.delete": async ({ fleet }) => {
    const doomed = await createAgent(fleet.db, { teamId: fleet.own.team.id, gatewayId: fleet.gatewayId });
    return { agentId: doomed.id, expectedVersion: doomed.version };
  },

  "agents.deletionImpact": ({ fleet }) => ({ agentId: fleet.agentId }),
  "agents.duplicate": async ({ fleet }) => ({
    agentId: fleet.mainAgentId,
    expectedVersion: await version("agent", fleet.mainAgentId, fleet.db),
    agentKey: unique("copy"),
    name: "Copy of main",
  }),

  "fleet.status": () => undefined,
  "fleet.attentionAgents": ({ fleet }) => ({ gatewayId: fleet.gatewayId, causeKey: '["refused","x"]' }),

  "gateways.list": () => undefined,
  "gateways.byId": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "gateways.create": () => ({
    name: unique("gw"),
    stateDir: `${HOME}/.openclaw`,
    homeDir: HOME,
    openclawVersion: "2026.9.6",
  }),
  "gateways.update": async ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    expectedVersion: await version("gateway", fleet.gatewayId, fleet.db),
    edit: {
      name: unique("renamed"),
      stateDir: `${HOME}/.openclaw`,
      homeDir: HOME,
      openclawVersion: "2026.9.6",
    },
  }),
  "gateways.defaults": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "gateways.modelSettings": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "gateways.updateDefaults": async ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    expectedVersion: await version("gateway", fleet.gatewayId, fleet.db),
    edit: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] }, params: {} },
  }),

  "authProfiles.forAgent": ({ fleet }) => ({ agentId: fleet.agentId }),
  "authProfiles.createApiKey": ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    profileId: `anthropic:${unique("k")}`,
    key: fakeApiKey("MATRIX"),
  }),
  "authProfiles.createSetupToken": ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    agentId: fleet.agentId,
    profileId: `anthropic:${unique("t")}`,
    token: FAKE_SAMPLE_SECRETS.setupToken,
  }),
  "authProfiles.reach": ({ fleet }) => ({ authProfileId: fleet.authProfileId }),
  "authProfiles.relocate": async ({ fleet }) => {
    const moving = await createProfile(fleet.db, openSecretBox(TEST_SECRET_KEY), {
      teamId: fleet.own.team.id,
      gatewayId: fleet.gatewayId,
      profileId: `anthropic:${unique("moving")}`,
      secrets: { key: fakeApiKey("MOVE") },
    });
    return {
      authProfileId: moving.id,
      expectedVersion: moving.version,
      profileId: moving.profileId,
      agentId: fleet.agentId,
    };
  },
  "authProfiles.clearCooldown": async ({ fleet }) => ({
    authProfileId: fleet.authProfileId,
    expectedVersion: await version("authProfile", fleet.authProfileId, fleet.db),
  }),

  "authProfiles.remove": async ({ fleet }) => {
    const doomed = await createProfile(fleet.db, openSecretBox(TEST_SECRET_KEY), {
      teamId: fleet.own.team.id,
      gatewayId: fleet.gatewayId,
      profileId: `anthropic:${unique("gone")}`,
      secrets: { key: fakeApiKey("REMOVE") },
    });
    return { authProfileId: doomed.id, expectedVersion: doomed.version };
  },

  "credentials.usage": () => undefined,

  "impact.agentModel": ({ fleet }) => ({
    agentId: fleet.agentId,
    choice: { mode: "strict", primary: "openai/gpt-9-imaginary" },
  }),
  "impact.agentParams": ({ fleet }) => ({
    agentId: fleet.agentId,
    edit: { layer: { kind: "agent" }, params: { cacheRetention: "long" } },
  }),
  "impact.agentAuthOrder": ({ fleet }) => ({
    agentId: fleet.agentId,
    provider: "anthropic",
    profileIds: null,
  }),
  "impact.gatewayDefaults": ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    edit: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] }, params: {} },
  }),
  "impact.profileRemoval": ({ fleet }) => ({ authProfileId: fleet.authProfileId }),

  "search.console": () => ({ text: "a" }),

  "authMatrix.list": () => ({ filter: "cooldown", pageSize: 10 }),
  "authMatrix.matchingAgents": () => ({ filter: "cooldown" }),
  "authMatrix.reauthTargets": ({ fleet }) => ({ agentIds: [fleet.agentId], provider: "anthropic" }),
  "bulkEdits.preview": ({ fleet }) => ({ agentIds: [fleet.agentId], action: SAMPLE_BULK_ACTION }),
  "bulkEdits.start": async ({ fleet }) => ({
    action: SAMPLE_BULK_ACTION,
    items: [{ agentId: fleet.agentId, expectedVersion: await version("agent", fleet.agentId, fleet.db) }],
  }),
  "bulkEdits.run": ({ fleet }) => ({ bulkEditRunId: fleet.bulkEditRunId }),

  "audit.list": () => ({ limit: 5 }),
  "audit.page": () => ({ limit: 5 }),
  "audit.facets": () => undefined,

  "members.list": () => undefined,
  "members.updateRole": async ({ fleet }) => {
    const target = await fleet.db.membership.findUniqueOrThrow({
      where: { id: fleet.roleTargetMembershipId },
    });
    return {
      membershipId: target.id,
      expectedVersion: target.version,
      role: target.role === "viewer" ? "operator" : "viewer",
    };
  },
  "members.remove": async ({ fleet }) => {
    const user = await createMember(fleet.db, { teamId: fleet.own.team.id, role: "viewer" });
    const membership = await fleet.db.membership.findFirstOrThrow({ where: { userId: user.id } });
    return { membershipId: membership.id, expectedVersion: membership.version };
  },

  "invitations.list": () => undefined,
  "invitations.create": () => ({ email: `${unique("invitee")}@example.test`, role: "viewer" }),
  "invitations.revoke": async ({ fleet }) => ({
    invitationId: (await freshInvitation(fleet, fleet.own.team.id, `${unique("revoked")}@example.test`))
      .invitationId,
  }),
  "invitations.preview": async ({ fleet }) => ({
    token: (await freshInvitation(fleet, fleet.invitingTeamId, `${unique("preview")}@example.test`)).token,
  }),
  "invitations.requestSignUpLink": async ({ fleet }) => ({
    token: (await freshInvitation(fleet, fleet.invitingTeamId, `${unique("signup")}@example.test`)).token,
  }),
  "invitations.previewSignUp": async ({ fleet }) => ({
    signUpToken: await createSignUpLinkToken(fleet.db, {
      invitationId: (await freshInvitation(fleet, fleet.invitingTeamId, `${unique("peek")}@example.test`))
        .invitationId,
    }),
  }),
  "invitations.acceptAsNewUser": async ({ fleet }) => ({
    signUpToken: await createSignUpLinkToken(fleet.db, {
      invitationId: (await freshInvitation(fleet, fleet.invitingTeamId, `${unique("newcomer")}@example.test`))
        .invitationId,
    }),
    name: "New Person",
    password: "a long enough password",
  }),
  "invitations.accept": async ({ fleet, caller }) => ({
    token: (
      await freshInvitation(fleet, fleet.invitingTeamId, caller?.email ?? `${unique("nobody")}@example.test`)
    ).token,
  }),

  "ingestTokens.forGateway": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "ingestTokens.rotate": async ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    expectedVersion: await version("gateway", fleet.gatewayId, fleet.db),
  }),
  "ingestTokens.revoke": async ({ fleet }) => ({
    gatewayId: fleet.gatewayId,
    expectedVersion: await version("gateway", fleet.gatewayId, fleet.db),
  }),

  "snapshots.latest": ({ fleet }) => ({ agentId: fleet.agentId }),
  "snapshots.history": ({ fleet }) => ({ agentId: fleet.agentId }),
  "snapshots.diff": ({ fleet }) => ({ leftId: fleet.snapshotIds[0], rightId: fleet.snapshotIds[1] }),

  "imports.preview": ({ fleet }) => ({
    target: { gatewayId: fleet.gatewayId },
    upload: { files: sampleStateFiles(FAKE_SAMPLE_SECRETS) },
  }),
  "imports.commit": async ({ fleet }) => {
    const preview = await previewThroughJobs(
      (path, input) => invokeProcedure(fleet.own.as("admin"), path, input),
      fleet.db,
      {
        target: { newGateway: { name: unique("imported"), homeDir: HOME, openclawVersion: "2026.9.6" } },
        upload: { files: sampleStateFiles(FAKE_SAMPLE_SECRETS) },
      },
    );
    return { importRunId: preview.id, planHash: preview.planHash };
  },
  "imports.run": ({ fleet }) => ({ importRunId: fleet.importRunId }),

  "exports.agentSnippet": ({ fleet }) => ({ agentId: fleet.agentId }),
  "exports.gatewaySnippet": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),

  ...REAUTH_PROCEDURE_SAMPLES,
  ...HOST_AGENT_PROCEDURE_SAMPLES,
};
