import "server-only";
import type { Role } from "@clawfleet/core/access/role";
import type { DbClient } from "@clawfleet/db/client";
import type { SecretBox } from "@clawfleet/db/secret-box";

/** Who is calling, as established from the session cookie; null for anonymous calls. */
export type SessionIdentity = { userId: string; authTime: number };

export type Context = {
  db: DbClient;
  secretBox: SecretBox;
  session: SessionIdentity | null;
  /** The team the caller picked (cookie); the membership check decides whether it counts. */
  requestedTeamId: string | null;
  requestId: string;
};

export type TeamContext = {
  user: { id: string; email: string; name: string };
  team: { id: string; name: string; slug: string };
  role: Role;
};

/** The inner context, without HTTP: router tests build it directly. */
export function createContextInner(input: Omit<Context, "requestId"> & { requestId?: string }): Context {
  return { ...input, requestId: input.requestId ?? crypto.randomUUID() };
}
