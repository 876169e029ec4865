/**
 * What the console shows of re-auth requests: a target's coverage before a request is made, the request
 * list and detail, an agent's pending requests, deadline reminders, and the hand-off page of a link.
 * Expiry is computed on read: lapsed requests of the team become `expired` before anything is shown.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  OPEN_REAUTH_STATES,
  REAUTH_DEADLINE_WARNING_MS,
  REAUTH_METHOD_LABELS,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  defaultReauthMethod,
  reauthInstructions,
  reauthLinkRefusal,
  reauthMethodRefusal,
} from "@clawfleet/core/reauth/reauth-request";
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
import type { Caller, ServiceDeps, SignedInCaller, TeamScope } from "../service-context";
import { expireLapsedReauthRequests, resolveReauthTarget } from "./reauth-workflow";

/** Covered agents listed by a preview; the count is always exact. */
const PREVIEW_AGENT_SAMPLE = 200;

/** Expires the team's lapsed requests; the worker delivers their webhooks. */
async function sweep(deps: ServiceDeps, caller: Caller) {
  await expireLapsedReauthRequests(deps, { teamId: caller.teamId, auditRequestId: caller.requestId });
}

/** What a request for `target` would cover, before it is made; with the method each profile suggests. */
export async function previewReauthTarget(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { target }: { target: ReauthTarget },
) {
  const resolved = await resolveReauthTarget(db, { teamId, target });
  const open = await findOpenReauthCovering(db, {
    teamId,
    authProfileIds: resolved.profiles.map((profile) => profile.authProfileId),
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

/** Every request, newest first (`open`: only those still needing work). */
export async function listTeamReauthRequests(
  deps: ServiceDeps,
  caller: Caller,
  { scope }: { scope: "open" | "all" },
) {
  await sweep(deps, caller);
  return listReauthRequests(deps.db, {
    teamId: caller.teamId,
    states: scope === "open" ? OPEN_REAUTH_STATES : undefined,
    limit: 200,
  });
}

export async function readReauthRequest(
  deps: ServiceDeps,
  caller: Caller,
  { requestId }: { requestId: string },
) {
  await sweep(deps, caller);
  const view = await findReauthRequest(deps.db, { teamId: caller.teamId, requestId });
  if (!view) throw new DomainError("NOT_FOUND", "Re-auth request not found.");
  return view;
}

/** Open requests covering one agent: the agent page's "re-auth pending" badge. */
export async function listPendingReauthForAgent(
  deps: ServiceDeps,
  caller: Caller,
  { agentId }: { agentId: string },
) {
  if (!(await findAgentLocation(deps.db, { teamId: caller.teamId, agentId })))
    throw new DomainError("NOT_FOUND", "Agent not found.");
  await sweep(deps, caller);
  const open = await listReauthRequests(deps.db, {
    teamId: caller.teamId,
    states: OPEN_REAUTH_STATES,
    agentId,
    limit: 20,
  });
  return open.map(({ id, state, method, profileLabel, deadline }) => ({
    id,
    state,
    method,
    profileLabel,
    deadline,
  }));
}

/** Open requests whose deadline is within the warning window: reminders on the fleet page. */
export async function listReauthNearDeadline(deps: ServiceDeps, caller: Caller) {
  const now = deps.now();
  await sweep({ ...deps, now: () => now }, caller);
  const due = await listReauthRequests(deps.db, {
    teamId: caller.teamId,
    states: OPEN_REAUTH_STATES,
    deadlineBefore: new Date(now.getTime() + REAUTH_DEADLINE_WARNING_MS),
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
  { actor, requestId: auditRequestId }: SignedInCaller,
  { token }: { token: string },
) {
  const now = clock();
  const request = await findReauthRequestByLinkHash(db, hashOneTimeToken(token));
  if (!request || !(await isTeamMember(db, { teamId: request.teamId, userId: actor.id })))
    return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
  await expireLapsedReauthRequests({ db, now: () => now }, { requestId: request.id, auditRequestId });
  const view = await findReauthRequest(db, { teamId: request.teamId, requestId: request.id });
  if (!view) return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
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
