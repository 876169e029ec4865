/** Server-side sessions (issue 12, finding 4): absolute lifetime, sign-out revocation, password cut-off. */
import { describe, expect, it } from "vitest";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestClock } from "../testing/service-test-deps";
import { changeUserPassword } from "./session-users";
import { endUserSession, findSessionUser, startUserSession, sweepEndedSessions } from "./user-sessions";

const start = new Date("2026-11-30T08:00:00Z");
const { deps, setNow, at } = useServiceTestClock(start);
const { db } = deps;
const MAX_AGE = 12 * 3600;

async function signedIn() {
  const team = await createTeam(db);
  const user = await createMember(db, { teamId: team.id, role: "viewer" });
  await db.user.update({
    where: { id: user.id },
    data: { sessionsValidFrom: new Date(start.getTime() - 60_000) },
  });
  setNow(start);
  const session = await startUserSession(deps, { userId: user.id, maxAgeSeconds: MAX_AGE });
  const claims = { userId: user.id, ...session };
  return { team, user, claims, check: () => findSessionUser(deps, { claims, maxAgeSeconds: MAX_AGE }) };
}

describe("server-side sessions", () => {
  it("last maxAge from sign-in, however often the cookie was refreshed", async () => {
    const { user, check } = await signedIn();
    setNow(at(11 * 3600 * 1000));
    await expect(check()).resolves.toMatchObject({ id: user.id });
    setNow(at(MAX_AGE * 1000));
    await expect(check()).resolves.toBeNull();
  });

  it("refuse a token whose authTime is 20 hours old even with a forged, still-open row", async () => {
    const { claims } = await signedIn();
    setNow(at(20 * 3600 * 1000));
    await db.userSession.update({
      where: { id: claims.sessionId },
      data: { expiresAt: at(30 * 3600 * 1000) },
    });
    await expect(findSessionUser(deps, { claims, maxAgeSeconds: MAX_AGE })).resolves.toBeNull();
  });

  it("end at sign-out: the same claims (a copied cookie) are refused after it, and the sign-out is audited", async () => {
    const { team, user, claims, check } = await signedIn();
    await expect(check()).resolves.toMatchObject({ id: user.id });
    await endUserSession(deps, { sessionId: claims.sessionId, requestId: "sign-out" });
    await expect(check()).resolves.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "auth.logout" } });
    expect(audit).toMatchObject({ actorId: user.id, targetId: user.id });
  });

  it("refuse a session of another user's id and end at a password change", async () => {
    const { user, claims, check } = await signedIn();
    const other = await createMember(db, { teamId: (await createTeam(db)).id, role: "viewer" });
    await expect(
      findSessionUser(deps, { claims: { ...claims, userId: other.id }, maxAgeSeconds: MAX_AGE }),
    ).resolves.toBeNull();
    setNow(at(60_000));
    await changeUserPassword(deps, { userId: user.id, newPassword: "a brand new password" });
    await expect(check()).resolves.toBeNull();
  });
});

describe("sweepEndedSessions", () => {
  it("deletes expired rows only", async () => {
    const { claims } = await signedIn();
    setNow(at(60_000));
    await sweepEndedSessions(deps);
    expect(await db.userSession.count({ where: { id: claims.sessionId } })).toBe(1);
    setNow(at(MAX_AGE * 1000));
    await sweepEndedSessions(deps);
    expect(await db.userSession.count({ where: { id: claims.sessionId } })).toBe(0);
  });
});
