import "server-only";
import { maskSecret } from "@clawfleet/core/auth-profiles/secret-mask";
import { DomainError } from "@clawfleet/core/domain-error";
import type { ParsedModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import {
  OPEN_REAUTH_STATES,
  PASTED_CREDENTIAL,
  REAUTH_STATE_LABELS,
  type ReauthLapseReason,
  type ReauthMethod,
  type ReauthState,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  reauthLapse,
  reauthLinkExpiry,
  reauthLinkRefusal,
  reauthMethodRefusal,
  reportShowsProfilesHealthy,
  validateReauthCredential,
} from "@clawfleet/core/reauth/reauth-request";
import type { RequestReauth, SubmitReauthCredential } from "@clawfleet/core/reauth/reauth.schema";
import { type ReauthWebhookEventName, reauthWebhookEvent } from "@clawfleet/core/reauth/reauth-webhook-event";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, type DbClient, inTransaction } from "@clawfleet/db/client";
import { hashOneTimeToken, issueOneTimeToken } from "@clawfleet/db/one-time-token";
import { enqueueOutboxJob } from "@clawfleet/db/outbox.repository";
import { findTeamWebhook } from "@clawfleet/db/reauth-webhook.repository";
import {
  type ReauthRequestByLink,
  applyCredentialToProfiles,
  clearReauthProfileWindows,
  createReauthRequest,
  findOpenReauthCovering,
  findReauthCoverage,
  findReauthRequestByLinkHash,
  isTeamMember,
  listLapsingReauthRequests,
  listReauthAwaitingReport,
  moveReauthRequest,
  recordReauthEvent,
  resolveReauthTarget,
} from "@clawfleet/db/reauth.repository";
import type { SecretBox } from "@clawfleet/db/secret-box";

/** Who acts: a signed-in person, or the console itself (expiry sweeps, ingest). */
export type ReauthActor = { id: string | null; label: string };
export const SYSTEM_ACTOR: ReauthActor = { id: null, label: "system" };

type Step = { teamId: string; requestId: string; actor: ReauthActor; auditRequestId: string; now: Date };

/** One timeline entry and its audit row, always together and in the caller's transaction. */
async function recordStep(
  tx: Db,
  step: Step,
  {
    kind,
    action,
    detail,
    before,
  }: {
    kind: Parameters<typeof recordReauthEvent>[1]["kind"];
    action: Parameters<typeof recordAuditEvent>[1]["action"];
    detail: Record<string, unknown>;
    before?: Record<string, unknown>;
  },
) {
  await recordReauthEvent(tx, {
    teamId: step.teamId,
    requestId: step.requestId,
    kind,
    actor: step.actor,
    detail: JSON.parse(JSON.stringify(detail)) as Record<string, never>,
    at: step.now,
  });
  await recordAuditEvent(tx, {
    teamId: step.teamId,
    actor: step.actor,
    action,
    target: { type: "reauth_request", id: step.requestId },
    before,
    after: detail,
    requestId: step.auditRequestId,
  });
}

type WebhookSubject = {
  id: string;
  method: ReauthMethod;
  provider: string;
  profileLabel: string;
  deadline: Date | null;
  agentCount: number;
};

/** Queues the team's webhook call for `event`, if the team has a webhook; delivered after commit. */
async function queueWebhook(
  tx: Db,
  { teamId, now }: { teamId: string; now: Date },
  event: ReauthWebhookEventName,
  state: ReauthState,
  request: WebhookSubject,
) {
  if (!(await findTeamWebhook(tx, { teamId }))) return;
  await enqueueOutboxJob(tx, {
    teamId,
    kind: "webhook",
    payload: reauthWebhookEvent(event, { teamId, occurredAt: now, request: { ...request, state } }),
    dedupeKey: `webhook:${event}:${request.id}`,
    now,
  });
}

/** "a, b, c and 4 more": the profile ids a request covers, short enough for a list. */
function profileLabelOf(profileIds: readonly string[]): string {
  const unique = [...new Set(profileIds)];
  const shown = unique.slice(0, 3).join(", ");
  return unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown;
}

/** Issues a fresh hand-off link (any earlier link stops working); returns the token, shown once. */
async function issueLink(
  tx: Db,
  step: Step,
  { deadline, expectedVersion }: { deadline: Date | null; expectedVersion?: number },
) {
  const { token, tokenHash } = issueOneTimeToken();
  const expiresAt = reauthLinkExpiry(step.now, deadline);
  const moved = await moveReauthRequest(tx, {
    teamId: step.teamId,
    requestId: step.requestId,
    from: ["requested", "link_issued"],
    to: "link_issued",
    where: expectedVersion === undefined ? {} : { version: expectedVersion },
    data: { linkTokenHash: tokenHash, linkExpiresAt: expiresAt },
  });
  if (!moved) await explainRefusedMove(tx, step, expectedVersion, "issue a new link");
  await recordStep(tx, step, {
    kind: "link_issued",
    action: "reauth.link_issue",
    detail: { linkExpiresAt: expiresAt, replacesEarlierLink: expectedVersion !== undefined },
  });
  return { token, expiresAt };
}

/** Why a guarded move did not happen: someone else changed the request, or its state forbids it. */
async function explainRefusedMove(
  tx: Db,
  step: Step,
  expectedVersion: number | undefined,
  action: string,
): Promise<never> {
  const current = await findReauthCoverage(tx, { teamId: step.teamId, requestId: step.requestId });
  if (expectedVersion !== undefined && current.version !== expectedVersion)
    throw new DomainError(
      "CONFLICT",
      `This request changed since you loaded it (version ${expectedVersion}, now ${current.version}, state ${current.state}). Reload and try again.`,
    );
  throw new DomainError(
    "INVALID_STATE",
    `Cannot ${action}: the request is ${REAUTH_STATE_LABELS[current.state].toLowerCase()}.`,
  );
}

/**
 * Starts a re-auth: resolves the target to profiles and the agents reaching them, checks the method fits
 * every profile, records the request and issues its one-time link, in one transaction.
 */
export async function requestReauth(
  db: DbClient,
  {
    teamId,
    actor,
    input,
    now,
    auditRequestId,
  }: { teamId: string; actor: ReauthActor; input: RequestReauth; now: Date; auditRequestId: string },
) {
  return inTransaction(db, async (tx) => {
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
    const open = await findOpenReauthCovering(tx, { teamId, authProfileIds });
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
    const created = await createReauthRequest(tx, {
      teamId,
      ...subject,
      fingerprint: resolved.fingerprint,
      authProfileIds,
      agentIds: resolved.agents.map((agent) => agent.id),
      requestedById: actor.id ?? "",
      assigneeId: input.assigneeId ?? null,
    });
    const step: Step = { teamId, requestId: created.id, actor, auditRequestId, now };
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
    const link = await issueLink(tx, step, { deadline: input.deadline ?? null });
    await queueWebhook(tx, { teamId, now }, "reauth.requested", "link_issued", {
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

/** Operator actions on a request, each guarded by the version the operator saw. */
export async function reissueReauthLink(db: DbClient, step: Step, expectedVersion: number) {
  return inTransaction(db, async (tx) => {
    const current = await findReauthCoverage(tx, step);
    const link = await issueLink(tx, step, { deadline: current.deadline, expectedVersion });
    return { token: link.token, path: `/reauth-link/${link.token}`, expiresAt: link.expiresAt };
  });
}

export async function revokeReauthLink(db: DbClient, step: Step, expectedVersion: number) {
  return inTransaction(db, async (tx) => {
    const moved = await moveReauthRequest(tx, {
      teamId: step.teamId,
      requestId: step.requestId,
      from: ["link_issued"],
      to: "requested",
      where: { version: expectedVersion },
      data: { linkTokenHash: null, linkExpiresAt: null },
    });
    if (!moved) await explainRefusedMove(tx, step, expectedVersion, "revoke the link");
    await recordStep(tx, step, { kind: "link_revoked", action: "reauth.link_revoke", detail: {} });
  });
}

export async function cancelReauth(db: DbClient, step: Step, expectedVersion: number) {
  return inTransaction(db, async (tx) => {
    const moved = await moveReauthRequest(tx, {
      teamId: step.teamId,
      requestId: step.requestId,
      from: OPEN_REAUTH_STATES,
      to: "cancelled",
      where: { version: expectedVersion },
      data: { cancelledAt: step.now },
    });
    if (!moved) await explainRefusedMove(tx, step, expectedVersion, "cancel it");
    await recordStep(tx, step, { kind: "cancelled", action: "reauth.cancel", detail: {} });
  });
}

/**
 * Expires open requests past their deadline, or whose link lapsed unused (core `reauthLapse`). Called on
 * read, so no daemon is needed; each expiry is its own transaction and re-checks the condition.
 */
export async function expireLapsedReauthRequests(
  db: DbClient,
  {
    now,
    teamId,
    requestId,
    auditRequestId,
  }: { now: Date; teamId?: string; requestId?: string; auditRequestId: string },
): Promise<number> {
  const candidates = await listLapsingReauthRequests(db, { teamId, requestId, now });
  let expired = 0;
  for (const candidate of candidates) {
    const reason: ReauthLapseReason | null = reauthLapse(candidate, now);
    if (!reason) continue;
    const moved = await inTransaction(db, async (tx) => {
      const step: Step = {
        teamId: candidate.teamId,
        requestId: candidate.id,
        actor: SYSTEM_ACTOR,
        auditRequestId,
        now,
      };
      const done = await moveReauthRequest(tx, {
        teamId: candidate.teamId,
        requestId: candidate.id,
        from: OPEN_REAUTH_STATES,
        to: "expired",
        where: { OR: [{ deadline: { lte: now } }, { state: "link_issued", linkExpiresAt: { lte: now } }] },
        data: { expiredAt: now },
      });
      if (!done) return false;
      await recordStep(tx, step, {
        kind: "expired",
        action: "reauth.expire",
        detail: {
          reason:
            reason === "deadline"
              ? `The deadline (${candidate.deadline?.toISOString() ?? "?"}) passed before the credential was applied.`
              : `The link expired unused (${candidate.linkExpiresAt?.toISOString() ?? "?"}).`,
        },
      });
      await queueWebhook(tx, { teamId: candidate.teamId, now }, "reauth.expired", "expired", {
        ...candidate,
        agentCount: candidate._count.agents,
      });
      return true;
    });
    if (moved) expired += 1;
  }
  return expired;
}

/**
 * The request behind a link, for a signed-in member of its team only; anyone else learns nothing (the
 * same answer as for a link that never existed).
 */
async function requestForLink(tx: Db, token: string, userId: string): Promise<ReauthRequestByLink> {
  const request = await findReauthRequestByLinkHash(tx, hashOneTimeToken(token));
  if (!request || !(await isTeamMember(tx, { teamId: request.teamId, userId })))
    throw new DomainError("NOT_FOUND", UNUSABLE_REAUTH_LINK_MESSAGES.unknown);
  return request;
}

function assertMayUseLink(request: ReauthRequestByLink, userId: string, now: Date) {
  const refusal = reauthLinkRefusal(request, now);
  if (refusal) throw new DomainError("INVALID_STATE", refusal);
  if (request.assigneeId && request.assigneeId !== userId)
    throw new DomainError(
      "FORBIDDEN",
      "This link is assigned to someone else. Ask the person who sent it to reassign the request or send you your own link.",
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
  request: ReauthRequestByLink,
  { token, submissionKey, userId, now }: { token: string; submissionKey: string; userId: string; now: Date },
): Promise<SubmissionOutcome | null> {
  const tokenHash = hashOneTimeToken(token);
  const claimed = await moveReauthRequest(tx, {
    teamId: request.teamId,
    requestId: request.id,
    from: ["link_issued"],
    to: "credential_submitted",
    where: { linkTokenHash: tokenHash, linkExpiresAt: { gt: now } },
    data: { submissionKey, submittedById: userId, submittedAt: now },
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

/**
 * The assignee's paste. In ONE transaction: the link is claimed (`credential_submitted`), the secret is
 * encrypted into every covered profile with its type and expiry, their cooldown and disabled windows are
 * cleared, the request becomes `applied`, each step is audited, and a push job (ids only) is queued for
 * the gateway connector. The same `submissionKey` again has no second effect.
 */
export async function submitReauthCredential(
  db: DbClient,
  box: SecretBox,
  {
    user,
    input,
    now,
    auditRequestId,
  }: { user: ReauthActor & { id: string }; input: SubmitReauthCredential; now: Date; auditRequestId: string },
): Promise<SubmissionOutcome> {
  const known = await findReauthRequestByLinkHash(db, hashOneTimeToken(input.token));
  if (known) await expireLapsedReauthRequests(db, { now, requestId: known.id, auditRequestId });
  return inTransaction(db, async (tx) => {
    const request = await requestForLink(tx, input.token, user.id);
    if (request.submissionKey === input.submissionKey && request.submittedById === user.id)
      return repeatedOutcome(request);
    assertMayUseLink(request, user.id, now);
    if (request.method === "oauth")
      throw new DomainError(
        "INVALID_STATE",
        "This request is renewed by signing in on the gateway host, not by pasting a credential. Run the command shown on this page.",
      );
    const method = request.method;
    const validation = validateReauthCredential(method, request.provider, input.credential);
    if (!validation.ok) throw new DomainError("INVALID_INPUT", validation.message, "credential");

    const repeat = await claimLink(tx, request, {
      token: input.token,
      submissionKey: input.submissionKey,
      userId: user.id,
      now,
    });
    if (repeat) return repeat;

    const step: Step = { teamId: request.teamId, requestId: request.id, actor: user, auditRequestId, now };
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
    const changes = await applyCredentialToProfiles(tx, box, {
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
    const applied = await moveReauthRequest(tx, {
      teamId: request.teamId,
      requestId: request.id,
      from: ["credential_submitted"],
      to: "applied",
      data: { appliedAt: now },
    });
    if (!applied)
      throw new DomainError("CONFLICT", "The request changed while the credential was applied. Try again.");
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
    await enqueueOutboxJob(tx, {
      teamId: request.teamId,
      kind: "push_credential",
      payload: { requestId: request.id, authProfileIds: coverage.authProfileIds },
      dedupeKey: `push_credential:${request.id}`,
      now,
    });
    await queueWebhook(tx, { teamId: request.teamId, now }, "reauth.applied", "applied", {
      ...coverage,
      agentCount: coverage.agentCount,
    });
    return { requestId: request.id, state: "applied", repeated: false, warnings: validation.warnings, mask };
  });
}

/**
 * OAuth: the assignee says the sign-in on the host is done. The request then waits for the host's next
 * reported status to show the profile healthy (see `verifyReauthFromReport`).
 */
export async function confirmHostSignIn(
  db: DbClient,
  {
    user,
    token,
    submissionKey,
    now,
    auditRequestId,
  }: {
    user: ReauthActor & { id: string };
    token: string;
    submissionKey: string;
    now: Date;
    auditRequestId: string;
  },
): Promise<SubmissionOutcome> {
  return inTransaction(db, async (tx) => {
    const request = await requestForLink(tx, token, user.id);
    if (request.submissionKey === submissionKey && request.submittedById === user.id)
      return repeatedOutcome(request);
    assertMayUseLink(request, user.id, now);
    if (request.method !== "oauth")
      throw new DomainError(
        "INVALID_STATE",
        "This request needs a pasted credential, not a sign-in on the host.",
      );
    const repeat = await claimLink(tx, request, { token, submissionKey, userId: user.id, now });
    if (repeat) return repeat;
    await recordStep(
      tx,
      { teamId: request.teamId, requestId: request.id, actor: user, auditRequestId, now },
      {
        kind: "credential_submitted",
        action: "reauth.submit",
        detail: { method: "oauth", signedInOnHost: true },
      },
    );
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
 * Called by the ingest handler, inside its transaction, for every stored reported snapshot: an applied
 * request becomes `verified` once a later report of a covered agent shows its profiles healthy; an OAuth
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
    const since = candidate.state === "applied" ? candidate.appliedAt : candidate.createdAt;
    if (!since || takenAt.getTime() <= since.getTime()) continue;
    if (!reportShowsProfilesHealthy(report.status, profileIds)) continue;
    const step: Step = { teamId, requestId: candidate.id, actor: SYSTEM_ACTOR, auditRequestId, now: takenAt };
    const evidence = { agentId, reportedAt: takenAt, profiles: profileIds };
    if (candidate.state !== "applied") {
      const authProfileIds = candidate.profiles.map((covered) => covered.authProfileId);
      await clearReauthProfileWindows(tx, { teamId, authProfileIds });
      const applied = await moveReauthRequest(tx, {
        teamId,
        requestId: candidate.id,
        from: ["link_issued", "credential_submitted"],
        to: "applied",
        data: { appliedAt: takenAt },
      });
      if (!applied) continue;
      await recordStep(tx, step, {
        kind: "applied",
        action: "reauth.apply",
        detail: { ...evidence, signedInOnHost: true },
      });
      await queueWebhook(tx, { teamId, now: takenAt }, "reauth.applied", "applied", {
        ...candidate,
        agentCount: candidate._count.agents,
      });
    }
    const verified = await moveReauthRequest(tx, {
      teamId,
      requestId: candidate.id,
      from: ["applied"],
      to: "verified",
      data: { verifiedAt: takenAt },
    });
    if (verified) await recordStep(tx, step, { kind: "verified", action: "reauth.verify", detail: evidence });
  }
}
