/**
 * What every use case receives: its dependencies (the database, the secret box, the clock) and the caller it
 * acts for. The web app, the CLI and the worker build these once at their composition roots; tests build them
 * with a fixed clock.
 */
import type { DbClient } from "@clawfleet/db/client";
import type { SecretBox } from "@clawfleet/db/secret-box";

export type ServiceDeps = {
  db: DbClient;
  secretBox: SecretBox;
  /** The clock; a use case reads it once and passes the instant on, so one call sees one `now`. */
  now: () => Date;
};

/** Who acts: a signed-in person, or the console itself (`id: null`, e.g. expiry sweeps, ingest, the CLI). */
export type Actor = { id: string | null; label: string };

/** The caller of a team use case: the team from the session (never from input), who, and the request id. */
export type Caller = { teamId: string; actor: Actor; requestId: string };

/** A signed-in person acting outside any team's scope (e.g. on a hand-off link page). */
export type SignedInCaller = { actor: { id: string; label: string }; requestId: string };

/** Reads need only the team. */
export type TeamScope = Pick<Caller, "teamId">;

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };
