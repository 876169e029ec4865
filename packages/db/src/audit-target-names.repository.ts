import type { Db } from "./client";

/** A target as the audit trail records it: a type (`agent`, `auth_profile`, …) and the row's id. */
export type AuditTargetRef = { type: string; id: string };

/**
 * What a target is called now, for the audit log to name it instead of printing its uuid. `agentId` is set
 * when the target lives on an agent (the agent itself, or a profile in its own store), so the log can link it.
 */
export type AuditTargetName = { name: string; agentId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function auditTargetKey(target: AuditTargetRef): string {
  return `${target.type}:${target.id}`;
}

/** The ids of one type, deduplicated; ids that are not uuids cannot be rows of these tables. */
function idsOf(targets: readonly AuditTargetRef[], type: string): string[] {
  return [
    ...new Set(targets.filter((target) => target.type === type && UUID.test(target.id)).map((t) => t.id)),
  ];
}

/**
 * Current names of the targets of a page of audit events, one query per target type, scoped to the team.
 * Targets deleted since (or of types without a name) are absent from the map.
 */
export async function findAuditTargetNames(
  db: Db,
  teamId: string,
  targets: readonly AuditTargetRef[],
): Promise<Map<string, AuditTargetName>> {
  const names = new Map<string, AuditTargetName>();
  const put = (type: string, id: string, name: string, agentId: string | null = null) =>
    names.set(auditTargetKey({ type, id }), { name, agentId });
  const whereIds = (type: string) => ({ teamId, id: { in: idsOf(targets, type) } });

  const [agents, profiles, gateways, hostAgents, reauthRequests, memberships, invitations, users] =
    await Promise.all([
      db.agent.findMany({ where: whereIds("agent"), select: { id: true, name: true } }),
      db.authProfile.findMany({
        where: whereIds("auth_profile"),
        select: {
          id: true,
          profileId: true,
          store: {
            select: { agentId: true, agent: { select: { name: true } }, gateway: { select: { name: true } } },
          },
        },
      }),
      db.gateway.findMany({ where: whereIds("gateway"), select: { id: true, name: true } }),
      db.hostAgent.findMany({
        where: whereIds("host_agent"),
        select: { id: true, gateway: { select: { name: true } } },
      }),
      db.reauthRequest.findMany({
        where: whereIds("reauth_request"),
        select: { id: true, profileLabel: true },
      }),
      db.membership.findMany({
        where: whereIds("membership"),
        select: { id: true, user: { select: { email: true } } },
      }),
      db.invitation.findMany({ where: whereIds("invitation"), select: { id: true, email: true } }),
      db.user.findMany({
        where: { id: { in: idsOf(targets, "user") }, memberships: { some: { teamId } } },
        select: { id: true, email: true },
      }),
    ]);

  for (const agent of agents) put("agent", agent.id, agent.name, agent.id);
  for (const profile of profiles) {
    const owner = profile.store.agent
      ? `${profile.store.agent.name}'s own store`
      : `shared store of ${profile.store.gateway.name}`;
    put("auth_profile", profile.id, `${profile.profileId} (${owner})`, profile.store.agentId);
  }
  for (const gateway of gateways) put("gateway", gateway.id, gateway.name);
  for (const hostAgent of hostAgents)
    put("host_agent", hostAgent.id, `host agent of ${hostAgent.gateway.name}`);
  for (const request of reauthRequests)
    put("reauth_request", request.id, `re-auth of ${request.profileLabel}`);
  for (const membership of memberships) put("membership", membership.id, membership.user.email);
  for (const invitation of invitations)
    put("invitation", invitation.id, `invitation for ${invitation.email}`);
  for (const user of users) put("user", user.id, user.email);
  return names;
}
