import type { Db } from "./client";

export type TeamSummary = { id: string; slug: string; name: string };

export async function findTeamName(db: Db, { teamId }: { teamId: string }): Promise<string | null> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { name: true } });
  return team?.name ?? null;
}

/** Teams by slug (the one with `slug`, or all when it is undefined), at most `limit`, by slug. */
export function listTeams(db: Db, { slug, limit }: { slug?: string; limit: number }): Promise<TeamSummary[]> {
  return db.team.findMany({
    where: slug === undefined ? {} : { slug },
    select: { id: true, slug: true, name: true },
    orderBy: { slug: "asc" },
    take: limit,
  });
}

/** The team with `slug`, creating it named `name` when there is none; says which happened. */
export async function findOrCreateTeam(
  tx: Db,
  { slug, name }: { slug: string; name: string },
): Promise<TeamSummary & { created: boolean }> {
  const existing = await tx.team.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true },
  });
  if (existing) return { ...existing, created: false };
  const created = await tx.team.create({
    data: { slug, name },
    select: { id: true, slug: true, name: true },
  });
  return { ...created, created: true };
}

/** How many user accounts exist (a fresh install has none). */
export function countUsers(db: Db): Promise<number> {
  return db.user.count();
}
