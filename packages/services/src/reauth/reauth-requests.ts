/**
 * What the console shows of re-auth requests: a target's coverage before a request is made, the request
 * list and detail, an agent's pending requests, requests near their deadline, and the hand-off page of a
 * link. Every function here only reads: a request that has lapsed but that the worker has not expired yet is
 * shown as expired (core `reauthViewAt`) and no longer counts as open.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  OPEN_REAUTH_STATES,
  REAUTH_METHOD_LABELS,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  defaultReauthMethod,
  reauthDeadlineHorizon,
  reauthInstructions,
  reauthLinkRefusal,
  reauthMethodRefusal,
} from "@clawfleet/core/reauth/reauth-request";
import { reauthViewAt } from "@clawfleet/core/reauth/reauth-view";
import type { ReauthTarget } from "@clawfleet/core/reauth/reauth.schema";
import { findAgentLocation } from "@clawfleet/db/agent.repository";
import { hashOneTimeToken } from "@clawfleet/db/one-time-token";
import {
  findOpenReauthCovering,
  findReauthRequest,
  findReauthRequestByLinkHash,
  isTeamMember,
  listReauthRequests,
} from "@clawfleet/db/reauth.repository";
import { findTeamName } from "@clawfleet/db/team.repository";
import type { ServiceDeps, SignedInCaller, TeamScope } from "../service-context";
import { resolveReauthTarget } from "./reauth-workflow";

/** Covered agents listed by a preview; the count is always exact. */
const PREVIEW_AGENT_SAMPLE = 200;

/** Requests still open at `now`: in an open state and not lapsed. */
function openAt(now: Date) {
  return { states: OPEN_REAUTH_STATES, at: now };
}

/** What a request for `target` would cover, before it is made; with the method each profile suggests. */
export async function previewReauthTarget(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { target }: { target: ReauthTarget },
) {
  const resolved = await resolveReauthTarget(db, { teamId, target });
  const open = await findOpenReauthCovering(db, {
    teamId,
    authProfileIds: resolved.profiles.map((profile) => profile.authProfileId),
    open: openAt(now()),
  });
  const first = resolved.profiles[0];
  const suggestedMethod = first ? defaultReauthMethod(first.type) : "setup_token";
  return {
    ...resolved,
    agents: resolved.agents.slice(0, PREVIEW_AGENT_SAMPLE),
    agentCount: resolved.agents.length,
    openRequest: open,
    suggestedMethod,
    methodRefusals: Object.fromEntries(
      (["setup_token", "api_key", "oauth"] as const).map((method) => [
        method,
        resolved.profiles.map((profile) => reauthMethodRefusal(method, profile)).find(Boolean) ?? null,
      ]),
    ),
  };
}

/** Every request, newest first (`open`: only those still needing work), as seen now. */
export async function listTeamReauthRequests(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { scope }: { scope: "open" | "all" },
) {
  const now = clock();
  const requests = await listReauthRequests(db, {
    teamId,
    open: scope === "open" ? openAt(now) : undefined,
    limit: 200,
  });
  return requests.map((request) => reauthViewAt(request, now));
}

export async function readReauthRequest(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { requestId }: { requestId: string },
) {
  const view = await findReauthRequest(db, { teamId, requestId });
  if (!view) throw new DomainError("NOT_FOUND", "Re-auth request not found.");
  return reauthViewAt(view, now());
}

/** Open requests covering one agent: the agent page's "re-auth pending" badge. */
export async function listPendingReauthForAgent(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { agentId }: { agentId: string },
) {
  if (!(await findAgentLocation(db, { teamId, agentId })))
    throw new DomainError("NOT_FOUND", "Agent not found.");
  const open = await listReauthRequests(db, { teamId, open: openAt(now()), agentId, limit: 20 });
  return open.map(({ id, state, method, profileLabel, deadline }) => ({
    id,
    state,
    method,
    profileLabel,
    deadline,
  }));
}

/** Open requests whose deadline is within the warning window: reminders on the fleet page. */
export async function listReauthNearDeadline(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
) {
  const now = clock();
  const due = await listReauthRequests(db, {
    teamId,
    open: openAt(now),
    deadlineBefore: reauthDeadlineHorizon(now),
    limit: 50,
  });
  return due.map(({ id, state, method, profileLabel, deadline, agentCount, assignee }) => ({
    id,
    state,
    method,
    profileLabel,
    deadline,
    agentCount,
    assignee: assignee?.email ?? null,
  }));
}

/**
 * What the hand-off page shows for a link: exactly what is re-authed and how to produce the credential.
 * Only a signed-in member of the request's team learns anything; anyone else gets the answer of a link
 * that never existed.
 */
export async function describeReauthLink(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { actor }: SignedInCaller,
  { token }: { token: string },
) {
  const now = clock();
  const request = await findReauthRequestByLinkHash(db, hashOneTimeToken(token));
  if (!request || !(await isTeamMember(db, { teamId: request.teamId, userId: actor.id })))
    return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
  const stored = await findReauthRequest(db, { teamId: request.teamId, requestId: request.id });
  if (!stored) return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
  const view = reauthViewAt(stored, now);
  const refusal = reauthLinkRefusal(view, now);
  if (refusal) return { status: "unusable" as const, state: view.state, message: refusal };
  const teamName = await findTeamName(db, { teamId: request.teamId });
  if (teamName === null)
    return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
  const assignedElsewhere = view.assignee !== null && view.assignee.id !== actor.id;
  return {
    status: "usable" as const,
    requestId: view.id,
    teamName,
    method: view.method,
    methodLabel: REAUTH_METHOD_LABELS[view.method],
    provider: view.provider,
    requestedBy: view.requestedBy.label,
    assignee: view.assignee?.email ?? null,
    assignedElsewhere,
    deadline: view.deadline,
    linkExpiresAt: view.linkExpiresAt,
    gateways: [...new Set(view.profiles.map((profile) => profile.gatewayName))],
    profiles: view.profiles.map((profile) => ({
      profileId: profile.profileId,
      provider: profile.provider,
      type: profile.type,
      gatewayName: profile.gatewayName,
      store: profile.owner.kind === "agent" ? `${profile.owner.agentName}'s own store` : "shared store",
      instructions: reauthInstructions({
        method: view.method,
        provider: profile.provider,
        profileId: profile.profileId,
        ownerAgentKey: profile.owner.kind === "agent" ? profile.owner.agentKey : null,
        gatewayName: profile.gatewayName,
      }),
    })),
    agentCount: view.agentCount,
    agents: view.agents,
  };
}
