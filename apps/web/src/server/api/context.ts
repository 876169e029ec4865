import "server-only";
import type { Role } from "@clawfleet/core/access/role";
import type { DbClient } from "@clawfleet/db/client";
import type { SecretBox } from "@clawfleet/db/secret-box";
import type { ConsoleMail } from "@clawfleet/services/mail/mailer";
import type { Caller, ServiceDeps } from "@clawfleet/services/service-context";

/** Who is calling, as established from the session cookie; null for anonymous calls. */
export type SessionIdentity = { userId: string; authTime: number };

export type Context = {
  /** What every use case runs with: the database, the secret box, the clock. */
  deps: ServiceDeps;
  session: SessionIdentity | null;
  /** The team the caller picked (cookie); the membership check decides whether it counts. */
  requestedTeamId: string | null;
  requestId: string;
  /** Where an HTTP request came from (per-IP limits); null for in-process callers, which no address limit applies to. */
  clientAddress: string | null;
  /** How the console mails one-time links; null when it cannot send mail. */
  mail: ConsoleMail | null;
};

export type TeamContext = {
  user: { id: string; email: string; name: string };
  team: { id: string; name: string; slug: string };
  role: Role;
  /** The caller as use cases take it: the session's team, the user, the request id. */
  caller: Caller;
};

/** The inner context, without HTTP: router tests build it directly. */
export function createContextInner(input: {
  db: DbClient;
  secretBox: SecretBox;
  session: SessionIdentity | null;
  requestedTeamId: string | null;
  requestId?: string;
  now?: () => Date;
  clientAddress?: string | null;
  mail?: ConsoleMail | null;
}): Context {
  return {
    deps: { db: input.db, secretBox: input.secretBox, now: input.now ?? (() => new Date()) },
    session: input.session,
    requestedTeamId: input.requestedTeamId,
    requestId: input.requestId ?? crypto.randomUUID(),
    clientAddress: input.clientAddress ?? null,
    mail: input.mail ?? null,
  };
}
