import { type TeamSummary, listTeams } from "@clawfleet/db/team.repository";
import type { ServiceDeps } from "../service-context";

/** How many teams a refusal names when several exist. */
const LISTED_TEAMS = 20;

export type TeamChoice = { ok: true; team: TeamSummary } | { ok: false; message: string };

/**
 * The team a command acts in: the one with `slug`, or, without a slug, the only team there is. Several
 * teams without a slug is a refusal that names them.
 */
export async function chooseTeam(
  { db }: Pick<ServiceDeps, "db">,
  { slug }: { slug: string | undefined },
): Promise<TeamChoice> {
  const teams = await listTeams(db, { slug, limit: LISTED_TEAMS });
  const [team] = teams;
  if (!team)
    return {
      ok: false,
      message: slug === undefined ? "The database has no team yet." : `No team with slug "${slug}".`,
    };
  if (teams.length > 1)
    return {
      ok: false,
      message: `Several teams exist; choose one with --team <slug> (${teams.map((candidate) => candidate.slug).join(", ")}).`,
    };
  return { ok: true, team };
}
