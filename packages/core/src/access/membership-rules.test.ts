import { describe, expect, it } from "vitest";
import type { Role } from "./role";
import {
  LAST_ADMIN_MESSAGE,
  ONLY_ADMINS_MESSAGE,
  assertMayChangeRole,
  assertMayInvite,
  assertMayRemove,
  assertMayRevokeInvitation,
} from "./membership-rules";

const member = (userId: string, role: Role) => ({ userId, role });
const refusal = (message: string): unknown => expect.objectContaining({ code: "FORBIDDEN", message });
const capture = (fn: () => void) => {
  try {
    fn();
    return "allowed";
  } catch (error) {
    return error;
  }
};

describe("inviting", () => {
  it.each<[Role, Role, string]>([
    ["admin", "viewer", "allowed"],
    ["admin", "operator", "allowed"],
    ["admin", "admin", "allowed"],
    ["operator", "viewer", ONLY_ADMINS_MESSAGE],
    ["operator", "admin", ONLY_ADMINS_MESSAGE],
    ["viewer", "viewer", ONLY_ADMINS_MESSAGE],
  ])("a %s inviting a %s: %s", (actorRole, invitedRole, expected) => {
    const outcome = capture(() => assertMayInvite(member("a", actorRole), invitedRole));
    expect(outcome).toEqual(expected === "allowed" ? "allowed" : refusal(expected));
  });

  it("only admins revoke invitations", () => {
    expect(capture(() => assertMayRevokeInvitation(member("a", "admin")))).toBe("allowed");
    expect(capture(() => assertMayRevokeInvitation(member("a", "operator")))).toEqual(
      refusal(ONLY_ADMINS_MESSAGE),
    );
  });
});

describe("changing a role", () => {
  it.each<{
    case: string;
    actor: Role;
    self?: boolean;
    target: Role;
    to: Role;
    admins: number;
    expected: string;
  }>([
    {
      case: "admin promotes a viewer",
      actor: "admin",
      target: "viewer",
      to: "admin",
      admins: 1,
      expected: "allowed",
    },
    {
      case: "admin demotes another admin",
      actor: "admin",
      target: "admin",
      to: "viewer",
      admins: 2,
      expected: "allowed",
    },
    {
      case: "admin demotes the last admin (someone else's count)",
      actor: "admin",
      target: "admin",
      to: "operator",
      admins: 1,
      expected: LAST_ADMIN_MESSAGE,
    },
    {
      case: "the last admin demotes themselves",
      actor: "admin",
      self: true,
      target: "admin",
      to: "viewer",
      admins: 1,
      expected: LAST_ADMIN_MESSAGE,
    },
    {
      case: "one of two admins demotes themselves",
      actor: "admin",
      self: true,
      target: "admin",
      to: "viewer",
      admins: 2,
      expected: "allowed",
    },
    {
      case: "the last admin keeps admin",
      actor: "admin",
      self: true,
      target: "admin",
      to: "admin",
      admins: 1,
      expected: "allowed",
    },
    {
      case: "operator promotes a viewer",
      actor: "operator",
      target: "viewer",
      to: "operator",
      admins: 1,
      expected: ONLY_ADMINS_MESSAGE,
    },
    {
      case: "operator promotes themselves",
      actor: "operator",
      self: true,
      target: "operator",
      to: "admin",
      admins: 1,
      expected: ONLY_ADMINS_MESSAGE,
    },
    {
      case: "operator demotes an admin",
      actor: "operator",
      target: "admin",
      to: "viewer",
      admins: 2,
      expected: ONLY_ADMINS_MESSAGE,
    },
    {
      case: "viewer promotes themselves",
      actor: "viewer",
      self: true,
      target: "viewer",
      to: "admin",
      admins: 1,
      expected: ONLY_ADMINS_MESSAGE,
    },
  ])("$case", ({ actor, self, target, to, admins, expected }) => {
    const actorRef = member("actor", actor);
    const targetRef = self ? member("actor", target) : member("target", target);
    const outcome = capture(() =>
      assertMayChangeRole({ actor: actorRef, target: targetRef, newRole: to, adminCount: admins }),
    );
    expect(outcome).toEqual(expected === "allowed" ? "allowed" : refusal(expected));
  });
});

describe("removing a member", () => {
  it.each<{ case: string; actor: Role; self?: boolean; target: Role; admins: number; expected: string }>([
    { case: "admin removes a viewer", actor: "admin", target: "viewer", admins: 1, expected: "allowed" },
    { case: "admin removes another admin", actor: "admin", target: "admin", admins: 2, expected: "allowed" },
    {
      case: "admin removes themselves while another admin remains",
      actor: "admin",
      self: true,
      target: "admin",
      admins: 2,
      expected: "allowed",
    },
    {
      case: "the last admin removes themselves",
      actor: "admin",
      self: true,
      target: "admin",
      admins: 1,
      expected: LAST_ADMIN_MESSAGE,
    },
    {
      case: "operator removes a viewer",
      actor: "operator",
      target: "viewer",
      admins: 1,
      expected: ONLY_ADMINS_MESSAGE,
    },
    {
      case: "viewer removes an admin",
      actor: "viewer",
      target: "admin",
      admins: 1,
      expected: ONLY_ADMINS_MESSAGE,
    },
  ])("$case", ({ actor, self, target, admins, expected }) => {
    const actorRef = member("actor", actor);
    const targetRef = self ? member("actor", target) : member("target", target);
    const outcome = capture(() =>
      assertMayRemove({ actor: actorRef, target: targetRef, adminCount: admins }),
    );
    expect(outcome).toEqual(expected === "allowed" ? "allowed" : refusal(expected));
  });
});
