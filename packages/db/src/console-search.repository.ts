import type { AuthProfileType } from "@clawfleet/core/fleet/auth-profile";
import type { Db, Prisma } from "./client";
import { likeLiteral } from "./like-pattern";

/** What the command palette can jump to; display-safe columns only (a fingerprint, never a secret or a mask). */
export type ConsoleSearchHits = {
  agents: { id: string; agentKey: string; name: string; gatewayName: string }[];
  profiles: {
    id: string;
    profileId: string;
    provider: string;
    type: AuthProfileType;
    gatewayName: string;
    ownerAgent: { id: string; name: string } | null;
    /** The fingerprint the text matched, when it matched one; else null. */
    fingerprint: string | null;
  }[];
  gateways: { id: string; name: string }[];
};

/**
 * A team's agents (by OpenClaw id or name), auth profiles (by profile id, or by fingerprint prefix when
 * `fingerprintPrefix` is given), and gateways (by name), each kind capped at `limit`, in name order.
 */
export async function searchConsole(
  db: Db,
  {
    teamId,
    text,
    fingerprintPrefix,
    limit,
  }: { teamId: string; text: string; fingerprintPrefix: string | null; limit: number },
): Promise<ConsoleSearchHits> {
  const contains = { contains: likeLiteral(text), mode: "insensitive" as const };
  const [agents, profiles, secrets, gateways] = await Promise.all([
    db.agent.findMany({
      where: { teamId, OR: [{ agentKey: contains }, { name: contains }] },
      select: { id: true, agentKey: true, name: true, gateway: { select: { name: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: limit,
    }),
    db.authProfile.findMany({
      where: { teamId, profileId: contains },
      select: PROFILE_SELECT,
      orderBy: [{ profileId: "asc" }, { id: "asc" }],
      take: limit,
    }),
    fingerprintPrefix
      ? db.authProfileSecret.findMany({
          where: { teamId, fingerprint: { startsWith: likeLiteral(fingerprintPrefix) } },
          select: { fingerprint: true, profile: { select: PROFILE_SELECT } },
          orderBy: [{ fingerprint: "asc" }, { id: "asc" }],
          take: limit,
        })
      : Promise.resolve([]),
    db.gateway.findMany({
      where: { teamId, name: contains },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: limit,
    }),
  ]);

  const byFingerprint = secrets.map(({ fingerprint, profile }) => toProfileHit(profile, fingerprint));
  const seen = new Set(byFingerprint.map((hit) => hit.id));
  const byId = profiles
    .filter((profile) => !seen.has(profile.id))
    .map((profile) => toProfileHit(profile, null));
  return {
    agents: agents.map(({ gateway, ...agent }) => ({ ...agent, gatewayName: gateway.name })),
    profiles: [...byFingerprint, ...byId].slice(0, limit),
    gateways,
  };
}

const PROFILE_SELECT = {
  id: true,
  profileId: true,
  provider: true,
  type: true,
  store: { select: { gateway: { select: { name: true } }, agent: { select: { id: true, name: true } } } },
} satisfies Prisma.AuthProfileSelect;

type ProfileRow = {
  id: string;
  profileId: string;
  provider: string;
  type: AuthProfileType;
  store: { gateway: { name: string }; agent: { id: string; name: string } | null };
};

function toProfileHit(
  profile: ProfileRow,
  fingerprint: string | null,
): ConsoleSearchHits["profiles"][number] {
  return {
    id: profile.id,
    profileId: profile.profileId,
    provider: profile.provider,
    type: profile.type,
    gatewayName: profile.store.gateway.name,
    ownerAgent: profile.store.agent,
    fingerprint,
  };
}
