import type { AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import { type Db, Prisma } from "./client";

/** One stored secret field of a team's profile, display-safe columns only, with where its profile lives. */
export type StoredCredential = {
  field: SecretField;
  fingerprint: string;
  mask: string;
  createdAt: Date;
  profile: {
    id: string;
    profileId: string;
    provider: string;
    type: AuthProfileType;
    email: string | null;
    expires: Date | null;
    gatewayId: string;
    gatewayName: string;
    ownerAgent: { id: string; name: string } | null;
  };
};

/**
 * Every secret field of a team, oldest first; never the ciphertext. One joined query: a nested relation load
 * would bind every profile id, past Postgres's limit at a fleet's size.
 */
export async function listStoredCredentials(
  db: Db,
  { teamId }: { teamId: string },
): Promise<StoredCredential[]> {
  const rows = await db.$queryRaw<
    (Omit<StoredCredential, "profile"> &
      Omit<StoredCredential["profile"], "id" | "ownerAgent"> & {
        authProfileId: string;
        ownerAgentId: string | null;
        ownerAgentName: string | null;
      })[]
  >`
    SELECT x.field::text AS field, x.fingerprint, x.mask, x."createdAt" AT TIME ZONE 'UTC' AS "createdAt", p.id AS "authProfileId", p."profileId",
      p.provider, p.type::text AS type, p.email, p.expires AT TIME ZONE 'UTC' AS expires, s."gatewayId", g.name AS "gatewayName",
      s."agentId" AS "ownerAgentId", a.name AS "ownerAgentName"
    FROM "AuthProfileSecret" x
    JOIN "AuthProfile" p ON p.id = x."authProfileId"
    JOIN "CredentialStore" s ON s.id = p."storeId"
    JOIN "Gateway" g ON g.id = s."gatewayId"
    LEFT JOIN "Agent" a ON a.id = s."agentId"
    -- why: timestamp(3) columns hold UTC (as Prisma writes them); AT TIME ZONE reads them as such.
    WHERE x."teamId" = ${teamId}::uuid
    ORDER BY x."createdAt", x."authProfileId", x.field`;
  return rows.map((row) => ({
    field: row.field,
    fingerprint: row.fingerprint,
    mask: row.mask,
    createdAt: row.createdAt,
    profile: {
      id: row.authProfileId,
      profileId: row.profileId,
      provider: row.provider,
      type: row.type,
      email: row.email,
      expires: row.expires,
      gatewayId: row.gatewayId,
      gatewayName: row.gatewayName,
      ownerAgent: row.ownerAgentId ? { id: row.ownerAgentId, name: row.ownerAgentName ?? "" } : null,
    },
  }));
}

/** How many agents reach a profile, with the first few by name. */
export type ProfileReach = { agentCount: number; sample: { id: string; name: string }[] };

/**
 * Which agents reach each of the team's profiles, counted in SQL with the first `sampleSize` by name: the
 * rule of core `agentsReachingProfiles` (facts §3.1) as one set-based query, so a fleet of any size is
 * counted without loading its agents (a profile in an agent's own store reaches that agent; a shared one
 * every agent of its gateway whose own store has no profile with the same id).
 */
export async function countProfileReach(
  db: Db,
  { teamId, sampleSize, authProfileId }: { teamId: string; sampleSize: number; authProfileId?: string },
): Promise<Map<string, ProfileReach>> {
  // With `authProfileId`, only that profile is counted (what removing it would affect).
  const only = authProfileId ? Prisma.sql`AND p.id = ${authProfileId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<({ authProfileId: string } & ProfileReach)[]>`
    WITH reach AS (
      SELECT p.id AS "authProfileId", a.id, a.name,
        row_number() OVER (PARTITION BY p.id ORDER BY a.name, a.id) AS rank
      FROM "AuthProfile" p
      JOIN "CredentialStore" s ON s.id = p."storeId"
      JOIN "Agent" a ON a.id = s."agentId"
      WHERE p."teamId" = ${teamId}::uuid ${only}
      UNION ALL
      SELECT p.id, a.id, a.name, row_number() OVER (PARTITION BY p.id ORDER BY a.name, a.id)
      FROM "AuthProfile" p
      JOIN "CredentialStore" s ON s.id = p."storeId" AND s."agentId" IS NULL
      JOIN "Agent" a ON a."gatewayId" = s."gatewayId"
      WHERE p."teamId" = ${teamId}::uuid ${only}
        AND NOT EXISTS (
          SELECT 1 FROM "CredentialStore" own JOIN "AuthProfile" op ON op."storeId" = own.id
          WHERE own."agentId" = a.id AND op."profileId" = p."profileId")
    )
    SELECT "authProfileId", count(*)::int AS "agentCount",
      coalesce(json_agg(json_build_object('id', id, 'name', name) ORDER BY rank)
        FILTER (WHERE rank <= ${sampleSize}), '[]') AS sample
    FROM reach GROUP BY "authProfileId"`;
  return new Map(rows.map(({ authProfileId, ...reach }) => [authProfileId, reach]));
}
