import { DomainError } from "../domain-error";
import { type Role, roleAllows } from "./role";

/** Shown whenever a change would leave a team without an admin. */
export const LAST_ADMIN_MESSAGE = "A team needs at least one admin.";
export const ONLY_ADMINS_MESSAGE = "Only admins manage members.";

export type MemberRef = { userId: string; role: Role };

function requireAdmin(actor: MemberRef): void {
  if (actor.role !== "admin") throw new DomainError("FORBIDDEN", ONLY_ADMINS_MESSAGE);
}

function requireGrantable(actor: MemberRef, role: Role, field: string): void {
  if (!roleAllows(actor.role, role))
    throw new DomainError(
      "FORBIDDEN",
      `You cannot grant the ${role} role: it is above your own (${actor.role}).`,
      field,
    );
}

function requireNotAbove(actor: MemberRef, target: MemberRef): void {
  if (!roleAllows(actor.role, target.role))
    throw new DomainError(
      "FORBIDDEN",
      `You cannot change a member whose role (${target.role}) is above yours (${actor.role}).`,
    );
}

/** Inviting someone: only admins, and never with a role above the inviter's. */
export function assertMayInvite(actor: MemberRef, invitedRole: Role): void {
  requireAdmin(actor);
  requireGrantable(actor, invitedRole, "role");
}

/** Revoking a pending invitation is member management too. */
export function assertMayRevokeInvitation(actor: MemberRef): void {
  requireAdmin(actor);
}

/**
 * Changing a member's role. `adminCount` is the team's number of admins *before* the change, read inside
 * the same transaction that makes it.
 */
export function assertMayChangeRole({
  actor,
  target,
  newRole,
  adminCount,
}: {
  actor: MemberRef;
  target: MemberRef;
  newRole: Role;
  adminCount: number;
}): void {
  requireAdmin(actor);
  requireNotAbove(actor, target);
  requireGrantable(actor, newRole, "role");
  if (target.role === "admin" && newRole !== "admin" && adminCount <= 1)
    throw new DomainError("FORBIDDEN", LAST_ADMIN_MESSAGE, "role");
}

/** Removing a member (yourself included); the last admin stays. */
export function assertMayRemove({
  actor,
  target,
  adminCount,
}: {
  actor: MemberRef;
  target: MemberRef;
  adminCount: number;
}): void {
  requireAdmin(actor);
  requireNotAbove(actor, target);
  if (target.role === "admin" && adminCount <= 1) throw new DomainError("FORBIDDEN", LAST_ADMIN_MESSAGE);
}
