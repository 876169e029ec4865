/**
 * Audit rows about an account rather than a team (sign-in, sign-out, SSO linking). The trail is per team,
 * so each event is written once into every team the account belongs to, where that team's admins see it.
 */
import type { AuditAction } from "@clawfleet/core/audit/audit-event";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import type { Db } from "@clawfleet/db/client";
import { listMemberships } from "@clawfleet/db/user.repository";

export async function recordAccountAuditEvent(
  tx: Db,
  {
    user,
    action,
    after,
    requestId,
  }: { user: { id: string; email: string }; action: AuditAction; after?: unknown; requestId: string },
): Promise<void> {
  for (const membership of await listMemberships(tx, user.id))
    await recordAuditEvent(tx, {
      teamId: membership.teamId,
      actor: { id: user.id, label: user.email },
      action,
      target: { type: "user", id: user.id },
      after,
      requestId,
    });
}
