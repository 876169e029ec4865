import { describe, expect, it } from "vitest";
import type { ParsedModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import {
  REAUTH_STATES,
  type ReauthMethod,
  type ReauthState,
  type ReauthTransitionEvent,
  reauthLapsesAt,
  reauthLinkRefusal,
  reauthTransition,
} from "@clawfleet/core/reauth/reauth-request";
import { inTransaction } from "@clawfleet/db/client";
import { FAKE_SETUP_TOKEN, reauthTeam, requestForFreshProfile } from "../testing/reauth-fixtures";
import { useServiceTestClock } from "../testing/service-test-deps";
import type { Caller, ServiceDeps } from "../service-context";
import { expireLapsedReauthRequest } from "./reauth-schedule";
import {
  cancelReauth,
  confirmHostSignIn,
  reissueReauthLink,
  revokeReauthLink,
  submitReauthCredential,
  verifyReauthFromReport,
} from "./reauth-workflow";

const T0 = new Date("2026-11-30T09:00:00Z");
const HOUR = 3_600_000;
const { deps, setNow, at } = useServiceTestClock(T0);
const { db } = deps;

/** Puts a request into `state` as if it had got there (its lapse instant too), keeping its version. */
async function placeIn(requestId: string, state: ReauthState) {
  const row = await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
  await db.reauthRequest.update({
    where: { id: requestId },
    data: { state, lapsesAt: reauthLapsesAt({ ...row, state }) },
  });
  return db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
}

type OperatorMove = (
  deps: ServiceDeps,
  caller: Caller,
  input: { requestId: string; expectedVersion: number },
) => Promise<unknown>;

const OPERATOR_MOVES: { event: ReauthTransitionEvent; run: OperatorMove }[] = [
  { event: "issue_link", run: reissueReauthLink },
  { event: "revoke_link", run: revokeReauthLink },
  { event: "cancel", run: cancelReauth },
];

const METHODS: ReauthMethod[] = ["setup_token", "oauth"];

function healthyReport(profileId: string): ParsedModelsStatusReport {
  return {
    kind: "status",
    version: "2026.9.6",
    status: { auth: { unusableProfiles: [], oauth: { profiles: [{ profileId, status: "ok" }] } } },
  } as unknown as ParsedModelsStatusReport;
}

describe("operator moves go through core's transition table", () => {
  const cases = OPERATOR_MOVES.flatMap(({ event, run }) =>
    METHODS.flatMap((method) => REAUTH_STATES.map((state) => ({ event, run, method, state }))),
  );

  it.each(cases)("$event from $state ($method)", async ({ event, run, method, state }) => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team, { method, deadline: at(48 * HOUR) });
    const before = await placeIn(requestId, state);
    setNow(at(HOUR));
    const transition = reauthTransition({ state, method }, event);
    const attempt = run(deps, team.caller, { requestId, expectedVersion: before.version });
    if (!transition.ok) {
      // A refused move says why in core's words, and changes nothing.
      await expect(attempt).rejects.toMatchObject({ code: "INVALID_STATE", message: transition.message });
      expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).toEqual(before);
      return;
    }
    await attempt;
    const after = await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(after.state).toBe(transition.to);
    expect(after.version).toBe(before.version + 1);
    expect(after.lapsesAt).toEqual(reauthLapsesAt(after));
  });

  it("answers CONFLICT when the request changed since the operator loaded it", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team);
    await reissueReauthLink(deps, team.caller, { requestId, expectedVersion: 2 });
    await expect(cancelReauth(deps, team.caller, { requestId, expectedVersion: 2 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("version 2, now 3") as string,
    });
  });

  it("refuses every move but expiry on a request that lapsed and was not swept yet, as core says of an expired one", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: at(HOUR) });
    setNow(at(2 * HOUR));
    for (const { event, run } of OPERATOR_MOVES) {
      const refusal = reauthTransition({ state: "expired", method: "setup_token" }, event);
      expect(refusal.ok).toBe(false);
      await expect(run(deps, team.caller, { requestId, expectedVersion: 2 })).rejects.toMatchObject({
        code: "INVALID_STATE",
        message: refusal.ok ? "" : refusal.message,
      });
    }
    expect((await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe(
      "link_issued",
    );
  });
});

describe("link and report moves go through core's transition table", () => {
  it.each(REAUTH_STATES.filter((state) => state !== "link_issued"))(
    "a pasted credential is refused with core's words when the request is %s",
    async (state) => {
      setNow(T0);
      const team = await reauthTeam(db);
      const { requestId, link } = await requestForFreshProfile(deps, team);
      const before = await placeIn(requestId, state);
      const signedIn = { actor: { id: team.operator.id, label: team.operator.email }, requestId: "paste" };
      await expect(
        submitReauthCredential(deps, signedIn, {
          token: link.token,
          submissionKey: crypto.randomUUID(),
          credential: FAKE_SETUP_TOKEN,
        }),
      ).rejects.toMatchObject({ code: "INVALID_STATE", message: reauthLinkRefusal(before, deps.now()) });
      expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).toEqual(before);
    },
  );

  it("submits and applies a pasted credential, and then the request never lapses", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId, link } = await requestForFreshProfile(deps, team, { deadline: at(HOUR) });
    const signedIn = { actor: { id: team.operator.id, label: team.operator.email }, requestId: "paste" };
    const outcome = await submitReauthCredential(deps, signedIn, {
      token: link.token,
      submissionKey: crypto.randomUUID(),
      credential: FAKE_SETUP_TOKEN,
    });
    expect(outcome).toMatchObject({ state: "applied", repeated: false });
    expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      state: "applied",
      lapsesAt: null,
      version: 4,
    });
  });

  it("applies and verifies an OAuth request from a report taken before it lapsed, but not from one taken after", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const inTime = await requestForFreshProfile(deps, team, { method: "oauth", deadline: at(HOUR) });
    const late = await requestForFreshProfile(deps, team, { method: "oauth", deadline: at(HOUR) });
    const signedIn = { actor: { id: team.operator.id, label: team.operator.email }, requestId: "sign-in" };
    await confirmHostSignIn(deps, signedIn, { token: inTime.link.token, submissionKey: crypto.randomUUID() });
    setNow(at(3 * HOUR));
    const report = async (authProfileId: string, takenAt: Date) => {
      const { profileId } = await db.authProfile.findUniqueOrThrow({ where: { id: authProfileId } });
      await inTransaction(db, (tx) =>
        verifyReauthFromReport(tx, {
          teamId: team.team.id,
          agentId: team.agent.id,
          takenAt,
          report: healthyReport(profileId),
          auditRequestId: "report",
        }),
      );
    };
    await report(inTime.authProfileId, at(HOUR / 2));
    await report(late.authProfileId, at(2 * HOUR));
    expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: inTime.requestId } })).toMatchObject({
      state: "verified",
      lapsesAt: null,
    });
    expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: late.requestId } })).toMatchObject({
      state: "link_issued",
      lapsesAt: at(HOUR),
    });
  });

  it("expires a lapsed request exactly once when several expiries race", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: at(HOUR) });
    setNow(at(HOUR));
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => expireLapsedReauthRequest(deps, { requestId, auditRequestId: "race" })),
    );
    expect(outcomes.filter((outcome) => outcome === "expired")).toHaveLength(1);
    expect(await db.reauthEvent.count({ where: { requestId, kind: "expired" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { targetId: requestId, action: "reauth.expire" } })).toBe(1);
  });
});
