import { clearAuthCooldown } from "@clawfleet/core/auth-usage/usage-backoff";
import { maskSecret } from "@clawfleet/core/auth-profiles/secret-mask";
import { type Role, roleAllows } from "@clawfleet/core/access/role";
import { DomainError } from "@clawfleet/core/domain-error";
import { agentsReachingProfiles } from "@clawfleet/core/fleet/credential-reach";
import type { AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import type { ParsedModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import {
  OPEN_REAUTH_STATES,
  PASTED_CREDENTIAL,
  type ReauthState,
  type ReauthTransitionEvent,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  reauthLapsesAt,
  reauthLinkExpiry,
  reauthLinkRefusal,
  reauthMethodRefusal,
  reportShowsProfilesHealthy,
  validateReauthCredential,
} from "@clawfleet/core/reauth/reauth-request";
import type {
  ReauthTarget,
  RequestReauth,
  SubmitReauthCredential,
} from "@clawfleet/core/reauth/reauth.schema";
import type { ReauthCoveredAgent, ReauthCoveredProfile } from "@clawfleet/core/reauth/reauth-view";
import { listAgentsWithOwnProfiles } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { findProfileUsage, writeProfileUsage } from "@clawfleet/db/auth-profile.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import { findConfigAuthProfiles, updateConfigAuthProfiles } from "@clawfleet/db/gateway.repository";
import { hashOneTimeToken, issueOneTimeToken } from "@clawfleet/db/one-time-token";
import {
  type ReauthMoveChanges,
  type ReauthProfileState,
  type ReauthRequestByLink,
  createReauthRequest,
  findOpenReauthCovering,
  findReauthCoverage,
  findReauthProfileState,
  findReauthRequestByLinkHash,
  isTeamMember,
  listReauthAwaitingReport,
  listReauthTargetProfiles,
  replaceProfileCredential,
} from "@clawfleet/db/reauth.repository";
import { findMemberByUser } from "@clawfleet/db/membership.repository";
import type { SecretBox } from "@clawfleet/db/secret-box";
import { type Caller, SYSTEM_ACTOR, type ServiceDeps, type SignedInCaller } from "../service-context";
import { profileStatusInputsChanged } from "../statuses/stored-statuses";
import { queueReauthCredentialPushes } from "./reauth-push";
import { expireLapsedReauthRequest, scheduleReauthReminder } from "./reauth-schedule";
import {
  type MovableRequest,
  type Step,
  moveReauthRequestBy,
  moveReauthRequestOrExplain,
  queueReauthWebhook,
  recordStep,
  stepOf,
} from "./reauth-steps";

/** "a, b, c and 4 more": the profile ids a request covers, short enough for a list. */
function profileLabelOf(profileIds: readonly string[]): string {
  const unique = [...new Set(profileIds)];
  const shown = unique.slice(0, 3).join(", ");
  return unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown;
}

/**
 * Issues a fresh hand-off link (any earlier link stops working); returns the token, shown once. The link lasts
 * until core's `reauthLinkExpiry`, and the request now lapses when it does (or at its deadline).
 */
async function issueLink(
  tx: Db,
  step: Step,
  request: MovableRequest,
  { expectedVersion }: { expectedVersion?: number } = {},
) {
  const { token, tokenHash } = issueOneTimeToken();
  const expiresAt = reauthLinkExpiry(step.now, request.deadline);
  await moveReauthRequestOrExplain(tx, step, "issue_link", request, {
    expectedVersion,
    changes: { linkTokenHash: tokenHash, linkExpiresAt: expiresAt },
  });
  await recordStep(tx, step, {
    kind: "link_issued",
    action: "reauth.link_issue",
    detail: { linkExpiresAt: expiresAt, replacesEarlierLink: expectedVersion !== undefined },
  });
  return { token, expiresAt };
}

export type ResolvedReauthTarget = {
  fingerprint: string | null;
  profiles: ReauthCoveredProfile[];
  /** Every agent that reaches one of the profiles (own store, or the shared store it does not override). */
  agents: ReauthCoveredAgent[];
};

/** Agents reaching any of `profiles`, by name, each once (facts §3.1, core `agentsReachingProfiles`). */
async function agentsReaching(
  db: Db,
  teamId: string,
  profiles: readonly ReauthCoveredProfile[],
): Promise<ReauthCoveredAgent[]> {
  const gatewayIds = [...new Set(profiles.map((profile) => profile.gatewayId))];
  const agents = await listAgentsWithOwnProfiles(db, { teamId, gatewayIds });
  const reach = agentsReachingProfiles(
    agents,
    profiles.map((profile) => ({
      authProfileId: profile.authProfileId,
      profileId: profile.profileId,
      gatewayId: profile.gatewayId,
      ownerAgentId: profile.owner.kind === "agent" ? profile.owner.agentId : null,
    })),
  );
  const reached = new Set([...reach.values()].flat().map((agent) => agent.id));
  return agents
    .filter((agent) => reached.has(agent.id))
    .map(({ id, name, agentKey, gatewayName }) => ({ id, name, agentKey, gatewayName }));
}

/**
 * The profiles a target names, in the caller's team, and the agents reaching them. A fingerprint fans
 * out to every profile holding that secret in any field. Ids of another team answer NOT_FOUND, exactly
 * like ids that do not exist.
 */
export async function resolveReauthTarget(
  db: Db,
  { teamId, target }: { teamId: string; target: ReauthTarget },
): Promise<ResolvedReauthTarget> {
  const profiles = await listReauthTargetProfiles(db, { teamId, target });
  if ("fingerprint" in target) {
    if (profiles.length === 0)
      throw new DomainError("NOT_FOUND", "No stored credential has this fingerprint.", "target.fingerprint");
  } else if (profiles.length !== new Set(target.authProfileIds).size) {
    throw new DomainError("NOT_FOUND", "Auth profile not found.", "target.authProfileIds");
  }
  return {
    fingerprint: "fingerprint" in target ? target.fingerprint : null,
    profiles,
    agents: await agentsReaching(db, teamId, profiles),
  };
}

/**
 * Starts a re-auth: resolves the target to profiles and the agents reaching them, checks the method fits
 * every profile, records the request and issues its one-time link, in one transaction.
 */
export async function requestReauth(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: RequestReauth,
) {
  const { teamId, actor } = caller;
  const now = deps.now();
  return inTransaction(deps.db, async (tx) => {
    const resolved = await resolveReauthTarget(tx, { teamId, target: input.target });
    const providers = [...new Set(resolved.profiles.map((profile) => profile.provider))];
    if (providers.length > 1)
      throw new DomainError(
        "INVALID_INPUT",
        `One request re-authenticates with one credential, so its profiles must share a provider; this selection has ${providers.join(", ")}. Split it by provider.`,
        "target",
      );
    for (const profile of resolved.profiles) {
      const refusal = reauthMethodRefusal(input.method, profile);
      if (refusal) throw new DomainError("INVALID_INPUT", refusal, "method");
    }
    if (input.assigneeId && !(await isTeamMember(tx, { teamId, userId: input.assigneeId })))
      throw new DomainError("NOT_FOUND", "The assignee is not a member of this team.", "assigneeId");
    if (input.deadline && input.deadline.getTime() <= now.getTime())
      throw new DomainError("INVALID_INPUT", "The deadline must be in the future.", "deadline");
    const authProfileIds = resolved.profiles.map((profile) => profile.authProfileId);
    const open = await findOpenReauthCovering(tx, {
      teamId,
      authProfileIds,
      open: { states: OPEN_REAUTH_STATES, at: now },
    });
    if (open)
      throw new DomainError(
        "CONFLICT",
        `${open.profileLabel} already has an open re-auth request; finish or cancel it on the Re-auth page first.`,
      );

    const subject = {
      method: input.method,
      provider: providers[0] ?? "",
      profileLabel: profileLabelOf(resolved.profiles.map((profile) => profile.profileId)),
      deadline: input.deadline ?? null,
      agentCount: resolved.agents.length,
    };
    const lapsesAt = reauthLapsesAt({ state: "requested", deadline: subject.deadline, linkExpiresAt: null });
    const created = await createReauthRequest(tx, {
      teamId,
      ...subject,
      fingerprint: resolved.fingerprint,
      authProfileIds,
      agentIds: resolved.agents.map((agent) => agent.id),
      requestedById: actor.id ?? "",
      assigneeId: input.assigneeId ?? null,
      lapsesAt,
      createdAt: now,
    });
    // why: its lapse job is queued by the link's issue below, which moves the lapse instant in this transaction.
    await scheduleReauthReminder(tx, { requestId: created.id, deadline: subject.deadline });
    const step = stepOf(caller, created.id, now);
    await recordStep(tx, step, {
      kind: "requested",
      action: "reauth.request",
      detail: {
        method: input.method,
        provider: subject.provider,
        profiles: resolved.profiles.map((profile) => `${profile.profileId} on ${profile.gatewayName}`),
        fingerprint: resolved.fingerprint,
        agentCount: resolved.agents.length,
        assigneeId: input.assigneeId ?? null,
        deadline: input.deadline ?? null,
      },
    });
    const link = await issueLink(tx, step, { ...subject, linkExpiresAt: null });
    await queueReauthWebhook(tx, { teamId, now }, "reauth.requested", "link_issued", {
      id: created.id,
      ...subject,
    });
    return {
      requestId: created.id,
      state: "link_issued" as const,
      profileCount: resolved.profiles.length,
      agentCount: resolved.agents.length,
      link: { token: link.token, path: `/reauth-link/${link.token}`, expiresAt: link.expiresAt },
    };
  });
}

type RequestAction = { requestId: string; expectedVersion: number };

/** Operator actions on a request, each guarded by the version the operator saw. */
export async function reissueReauthLink(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { requestId, expectedVersion }: RequestAction,
) {
  const step = stepOf(caller, requestId, deps.now());
  return inTransaction(deps.db, async (tx) => {
    const current = await findReauthCoverage(tx, step);
    const link = await issueLink(tx, step, current, { expectedVersion });
    return { token: link.token, path: `/reauth-link/${link.token}`, expiresAt: link.expiresAt };
  });
}

/** An operator's move of a request at the version they saw, with its timeline entry and audit row. */
async function operatorMove(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { requestId, expectedVersion }: RequestAction,
  move: {
    event: ReauthTransitionEvent;
    changes: (now: Date) => ReauthMoveChanges;
    kind: Parameters<typeof recordStep>[2]["kind"];
    action: Parameters<typeof recordStep>[2]["action"];
  },
) {
  const step = stepOf(caller, requestId, deps.now());
  return inTransaction(deps.db, async (tx) => {
    const current = await findReauthCoverage(tx, step);
    await moveReauthRequestOrExplain(tx, step, move.event, current, {
      expectedVersion,
      changes: move.changes(step.now),
    });
    await recordStep(tx, step, { kind: move.kind, action: move.action, detail: {} });
  });
}

export function revokeReauthLink(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: RequestAction,
) {
  return operatorMove(deps, caller, input, {
    event: "revoke_link",
    changes: () => ({ linkTokenHash: null, linkExpiresAt: null }),
    kind: "link_revoked",
    action: "reauth.link_revoke",
  });
}

export function cancelReauth(deps: Pick<ServiceDeps, "db" | "now">, caller: Caller, input: RequestAction) {
  return operatorMove(deps, caller, input, {
    event: "cancel",
    changes: (now) => ({ cancelledAt: now }),
    kind: "cancelled",
    action: "reauth.cancel",
  });
}

/**
 * The request behind a link, for a signed-in member of its team only; anyone else learns nothing (the
 * same answer as for a link that never existed).
 */
/** The request behind a link and the caller's role in its team; a non-member learns nothing about it. */
async function requestForLink(
  tx: Db,
  token: string,
  userId: string,
): Promise<{ request: ReauthRequestByLink; role: Role }> {
  const request = await findReauthRequestByLinkHash(tx, hashOneTimeToken(token));
  const member = request
    ? await findMemberByUser(tx, { teamId: request.teamId, user: { id: userId } })
    : null;
  if (!request || !member) throw new DomainError("NOT_FOUND", UNUSABLE_REAUTH_LINK_MESSAGES.unknown);
  return { request, role: member.role };
}

/**
 * Expires the request behind a link if it has lapsed, before the link is used (its own transaction, so the
 * expiry stays recorded when the use is then refused). The lapse job would do the same moments later.
 */
async function expireLapsedLinkRequest(
  deps: Pick<ServiceDeps, "db" | "now">,
  token: string,
  auditRequestId: string,
) {
  const known = await findReauthRequestByLinkHash(deps.db, hashOneTimeToken(token));
  if (known) await expireLapsedReauthRequest(deps, { requestId: known.id, auditRequestId });
}

/**
 * Who may apply a credential through a link: its assignee, whatever their role; or, on an unassigned request, an
 * operator or admin, since applying replaces a credential that may reach many agents (a viewer may not edit).
 */
function assertMayUseLink(request: ReauthRequestByLink, caller: { userId: string; role: Role }, now: Date) {
  const refusal = reauthLinkRefusal(request, now);
  if (refusal) throw new DomainError("INVALID_STATE", refusal);
  if (request.assigneeId && request.assigneeId !== caller.userId)
    throw new DomainError(
      "FORBIDDEN",
      "This link is assigned to someone else. Ask the person who sent it to reassign the request or send you your own link.",
    );
  if (!request.assigneeId && !roleAllows(caller.role, "operator"))
    throw new DomainError(
      "FORBIDDEN",
      `Applying a credential through an unassigned link needs the operator role; you are a ${caller.role}. Ask the person who sent it to assign the request to you.`,
    );
}

export type SubmissionOutcome = {
  requestId: string;
  state: ReauthState;
  /** True when this was a repeat of a submission already accepted (double click, retry): no new effect. */
  repeated: boolean;
  warnings: string[];
  /** OpenClaw's mask of what is now stored; never the value. */
  mask: string | null;
};

function repeatedOutcome(request: ReauthRequestByLink): SubmissionOutcome {
  return { requestId: request.id, state: request.state, repeated: true, warnings: [], mask: null };
}

/** Claims the link for this submission; of concurrent claims exactly one succeeds (conditional update). */
async function claimLink(
  tx: Db,
  step: Step,
  request: ReauthRequestByLink,
  { token, submissionKey, userId }: { token: string; submissionKey: string; userId: string },
): Promise<SubmissionOutcome | null> {
  const { now } = step;
  const tokenHash = hashOneTimeToken(token);
  const claimed = await moveReauthRequestBy(tx, step, "submit", request, {
    linkTokenHash: tokenHash,
    changes: { submissionKey, submittedById: userId, submittedAt: now },
  });
  if (claimed) return null;
  // Lost the race: by now the winner has committed, so this read sees what it did.
  const current = await findReauthRequestByLinkHash(tx, tokenHash);
  if (current?.submissionKey === submissionKey && current.submittedById === userId)
    return repeatedOutcome(current);
  throw new DomainError(
    "INVALID_STATE",
    (current && reauthLinkRefusal(current, now)) ?? UNUSABLE_REAUTH_LINK_MESSAGES.used,
  );
}

/** When a profile changes type, the gateway's config `auth.profiles.<id>.mode` follows (facts §4). */
async function followConfigMode(
  tx: Db,
  { gatewayId, profileId, type }: { gatewayId: string; profileId: string; type: AuthProfileType },
) {
  const entries = await findConfigAuthProfiles(tx, { gatewayId });
  const entry = entries[profileId];
  if (!entry || entry.mode === type) return;
  await updateConfigAuthProfiles(tx, {
    gatewayId,
    authProfiles: { ...entries, [profileId]: { ...entry, mode: type } },
  });
}

/**
 * Writes one new secret into every profile: encrypted per row and field (the old secret fields are
 * replaced), type and expiry set, cooldown/disable/block windows lifted as OpenClaw's manual clear does,
 * version bumped. Returns each profile before and after, for the audit trail.
 */
async function applyCredentialToProfiles(
  tx: Db,
  box: SecretBox,
  input: {
    teamId: string;
    authProfileIds: string[];
    type: AuthProfileType;
    field: SecretField;
    plaintext: string;
    expires: Date | null;
  },
): Promise<{ before: ReauthProfileState; after: ReauthProfileState; authProfileId: string }[]> {
  const { teamId, type } = input;
  const results = [];
  for (const authProfileId of input.authProfileIds) {
    const before = await findReauthProfileState(tx, { teamId, authProfileId });
    if (!before) throw new DomainError("NOT_FOUND", "A profile of this request no longer exists.");
    await replaceProfileCredential(tx, box, {
      teamId,
      authProfileId,
      type,
      field: input.field,
      plaintext: input.plaintext,
      expires: input.expires,
      usage: clearAuthCooldown(before.usage),
    });
    if (before.state.type !== type)
      await followConfigMode(tx, { gatewayId: before.gatewayId, profileId: before.state.profileId, type });
    const after = await findReauthProfileState(tx, { teamId, authProfileId });
    if (!after) throw new DomainError("NOT_FOUND", "A profile of this request no longer exists.");
    results.push({ authProfileId, before: before.state, after: after.state });
  }
  return results;
}

/** Lifts the windows of profiles a host reported healthy (the OAuth sign-in happened there). */
async function clearProfileWindows(
  tx: Db,
  { teamId, authProfileIds }: { teamId: string; authProfileIds: string[] },
): Promise<void> {
  for (const authProfileId of authProfileIds) {
    const found = await findProfileUsage(tx, { teamId, authProfileId });
    if (found) await writeProfileUsage(tx, { teamId, authProfileId, usage: clearAuthCooldown(found.usage) });
  }
}

/**
 * The assignee's paste. In ONE transaction: the link is claimed (`credential_submitted`), the secret is
 * encrypted into every covered profile with its type and expiry, their cooldown and disabled windows are
 * cleared, the request becomes `applied`, each step is audited, and a `credential.push` host job (no secret:
 * the secret joins it only in the delivery) is queued per covered profile whose gateway has a host agent. The
 * same `submissionKey` again has no second effect.
 */
export async function submitReauthCredential(
  { db, secretBox, now: clock }: ServiceDeps,
  { actor: user, requestId: auditRequestId }: SignedInCaller,
  input: SubmitReauthCredential,
): Promise<SubmissionOutcome> {
  const now = clock();
  await expireLapsedLinkRequest({ db, now: () => now }, input.token, auditRequestId);
  return inTransaction(db, async (tx) => {
    const { request, role } = await requestForLink(tx, input.token, user.id);
    if (request.submissionKey === input.submissionKey && request.submittedById === user.id)
      return repeatedOutcome(request);
    assertMayUseLink(request, { userId: user.id, role }, now);
    if (request.method === "oauth")
      throw new DomainError(
        "INVALID_STATE",
        "This request is renewed by signing in on the gateway host, not by pasting a credential. Run the command shown on this page.",
      );
    const method = request.method;
    const validation = validateReauthCredential(method, request.provider, input.credential);
    if (!validation.ok) throw new DomainError("INVALID_INPUT", validation.message, "credential");

    const step: Step = { teamId: request.teamId, requestId: request.id, actor: user, auditRequestId, now };
    const repeat = await claimLink(tx, step, request, {
      token: input.token,
      submissionKey: input.submissionKey,
      userId: user.id,
    });
    if (repeat) return repeat;

    const mask = maskSecret(validation.value);
    await recordStep(tx, step, {
      kind: "credential_submitted",
      action: "reauth.submit",
      detail: { method, mask, warnings: validation.warnings },
    });

    const coverage = await findReauthCoverage(tx, { teamId: request.teamId, requestId: request.id });
    const { type, field } = PASTED_CREDENTIAL[method];
    const expires =
      method === "setup_token" && input.expiresInDays
        ? new Date(now.getTime() + input.expiresInDays * 86_400_000)
        : null;
    const changes = await applyCredentialToProfiles(tx, secretBox, {
      teamId: request.teamId,
      authProfileIds: coverage.authProfileIds,
      type,
      field,
      plaintext: validation.value,
      expires,
    });
    for (const change of changes) {
      await recordAuditEvent(tx, {
        teamId: request.teamId,
        actor: user,
        action: "auth_profile.reauth",
        target: { type: "auth_profile", id: change.authProfileId },
        before: change.before,
        after: { ...change.after, reauthRequestId: request.id },
        requestId: auditRequestId,
      });
    }
    await profileStatusInputsChanged(tx, {
      teamId: request.teamId,
      authProfileIds: coverage.authProfileIds,
      now: now.getTime(),
    });
    await moveReauthRequestOrExplain(tx, step, "apply", request, { changes: { appliedAt: now } });
    await recordStep(tx, step, {
      kind: "applied",
      action: "reauth.apply",
      detail: {
        mask,
        profiles: changes.map((change) => change.after.profileId),
        profileCount: changes.length,
        agentCount: coverage.agentCount,
        cooldownsCleared: changes.filter(
          (change) => (change.before.cooldownUntil ?? change.before.disabledUntil) !== null,
        ).length,
      },
    });
    await queueReauthCredentialPushes(tx, {
      teamId: request.teamId,
      requestId: request.id,
      authProfileIds: coverage.authProfileIds,
      createdById: user.id,
      now,
    });
    await queueReauthWebhook(tx, { teamId: request.teamId, now }, "reauth.applied", "applied", coverage);
    return { requestId: request.id, state: "applied", repeated: false, warnings: validation.warnings, mask };
  });
}

/**
 * OAuth: the assignee says the sign-in on the host is done. The request then waits for the host's next
 * reported status to show the profile healthy (see `verifyReauthFromReport`).
 */
export async function confirmHostSignIn(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { actor: user, requestId: auditRequestId }: SignedInCaller,
  { token, submissionKey }: { token: string; submissionKey: string },
): Promise<SubmissionOutcome> {
  const now = clock();
  await expireLapsedLinkRequest({ db, now: () => now }, token, auditRequestId);
  return inTransaction(db, async (tx) => {
    const { request, role } = await requestForLink(tx, token, user.id);
    if (request.submissionKey === submissionKey && request.submittedById === user.id)
      return repeatedOutcome(request);
    assertMayUseLink(request, { userId: user.id, role }, now);
    if (request.method !== "oauth")
      throw new DomainError(
        "INVALID_STATE",
        "This request needs a pasted credential, not a sign-in on the host.",
      );
    const step: Step = { teamId: request.teamId, requestId: request.id, actor: user, auditRequestId, now };
    const repeat = await claimLink(tx, step, request, { token, submissionKey, userId: user.id });
    if (repeat) return repeat;
    await recordStep(tx, step, {
      kind: "credential_submitted",
      action: "reauth.submit",
      detail: { method: "oauth", signedInOnHost: true },
    });
    return {
      requestId: request.id,
      state: "credential_submitted",
      repeated: false,
      warnings: [],
      mask: null,
    };
  });
}

/**
 * Called by the ingest handler, inside its transaction, for every stored reported snapshot: an applied (or
 * pushed) request becomes `verified` once a later report of a covered agent shows its profiles healthy; an OAuth
 * request is completed (applied and verified, windows lifted) by such a report after it was requested.
 */
export async function verifyReauthFromReport(
  tx: Db,
  {
    teamId,
    agentId,
    takenAt,
    report,
    auditRequestId,
  }: {
    teamId: string;
    agentId: string;
    takenAt: Date;
    report: ParsedModelsStatusReport;
    auditRequestId: string;
  },
): Promise<void> {
  if (report.kind !== "status") return;
  const candidates = await listReauthAwaitingReport(tx, { teamId, agentId });
  for (const candidate of candidates) {
    const profileIds = candidate.profiles.map((covered) => covered.profile.profileId);
    const since =
      candidate.state === "applied" || candidate.state === "pushed"
        ? candidate.appliedAt
        : candidate.createdAt;
    if (!since || takenAt.getTime() <= since.getTime()) continue;
    if (!reportShowsProfilesHealthy(report.status, profileIds)) continue;
    const step: Step = { teamId, requestId: candidate.id, actor: SYSTEM_ACTOR, auditRequestId, now: takenAt };
    const evidence = { agentId, reportedAt: takenAt, profiles: profileIds };
    if (candidate.state !== "applied" && candidate.state !== "pushed") {
      // why: a report taken after the request lapsed does not apply it (a lapsed request can only expire).
      if (!(await moveReauthRequestBy(tx, step, "apply", candidate, { changes: { appliedAt: takenAt } })))
        continue;
      const authProfileIds = candidate.profiles.map((covered) => covered.authProfileId);
      await clearProfileWindows(tx, { teamId, authProfileIds });
      await profileStatusInputsChanged(tx, { teamId, authProfileIds, now: takenAt.getTime() });
      await recordStep(tx, step, {
        kind: "applied",
        action: "reauth.apply",
        detail: { ...evidence, signedInOnHost: true },
      });
      await queueReauthWebhook(tx, { teamId, now: takenAt }, "reauth.applied", "applied", {
        ...candidate,
        agentCount: candidate._count.agents,
      });
    }
    if (await moveReauthRequestBy(tx, step, "verify", candidate, { changes: { verifiedAt: takenAt } }))
      await recordStep(tx, step, { kind: "verified", action: "reauth.verify", detail: evidence });
  }
}
