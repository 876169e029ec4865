import { describe, expect, it } from "vitest";
import { REAUTH_LINK_LIFETIME_MS } from "@clawfleet/core/reauth/reauth-request";
import { listPendingJobs, removeJob } from "@clawfleet/db/job-queue";
import { reauthTeam, requestForFreshProfile } from "../testing/reauth-fixtures";
import { testCaller, useServiceTestClock } from "../testing/service-test-deps";
import { saveWebhook } from "../webhooks/team-webhook";
import { expireLapsedReauthRequest, remindReauthDeadline, sweepReauthSchedule } from "./reauth-schedule";
import { cancelReauth, reissueReauthLink, revokeReauthLink } from "./reauth-workflow";

const T0 = new Date("2026-11-30T09:00:00Z");
const HOUR = 3_600_000;
const { deps, setNow, at } = useServiceTestClock(T0);
const { db } = deps;

/** The pending job of `task` for one request (by its job key), or undefined. */
async function jobOf(task: "reauth.lapse" | "reauth.remind", requestId: string) {
  const jobs = await listPendingJobs(db, { task });
  return jobs.find((job) => job.key === `${task}:${requestId}`);
}

async function stored(requestId: string) {
  return db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
}

/** A team whose webhook is set, so its webhook calls are queued as outbox rows. */
async function teamWithWebhook() {
  const team = await reauthTeam(db);
  await saveWebhook(deps, testCaller(team.team.id), {
    url: "https://hooks.example.test/reauth",
    expectedVersion: null,
    rotateSecret: false,
    allowedNetworks: [],
  });
  return team;
}

async function webhookEvents(teamId: string) {
  const rows = await db.outboxJob.findMany({
    where: { teamId, kind: "webhook" },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(
    (row) => row.payload as { event: string; request: { id: string; deadline: string | null } },
  );
}

describe("the lapse instant and its job", () => {
  it("is stored on every move and kept as one job per request at that instant, dropped once it cannot lapse", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team);
    const linkExpiry = at(REAUTH_LINK_LIFETIME_MS);
    expect((await stored(requestId)).lapsesAt).toEqual(linkExpiry);
    expect(await jobOf("reauth.lapse", requestId)).toMatchObject({
      runAt: linkExpiry,
      payload: { requestId },
    });
    expect(await jobOf("reauth.remind", requestId)).toBeUndefined();

    // A new link an hour later moves the lapse (and its one job) with it.
    setNow(at(HOUR));
    await reissueReauthLink(deps, team.caller, { requestId, expectedVersion: 2 });
    expect((await stored(requestId)).lapsesAt).toEqual(at(HOUR + REAUTH_LINK_LIFETIME_MS));
    expect(
      (await listPendingJobs(db, { task: "reauth.lapse" })).filter(
        (job) => job.key === `reauth.lapse:${requestId}`,
      ),
    ).toEqual([expect.objectContaining({ runAt: at(HOUR + REAUTH_LINK_LIFETIME_MS) })]);

    // Revoked without a deadline, it can no longer lapse: no instant, no job. A new link brings both back.
    await revokeReauthLink(deps, team.caller, { requestId, expectedVersion: 3 });
    expect((await stored(requestId)).lapsesAt).toBeNull();
    expect(await jobOf("reauth.lapse", requestId)).toBeUndefined();
    await reissueReauthLink(deps, team.caller, { requestId, expectedVersion: 4 });
    expect(await jobOf("reauth.lapse", requestId)).toMatchObject({
      runAt: at(HOUR + REAUTH_LINK_LIFETIME_MS),
    });

    await cancelReauth(deps, team.caller, { requestId, expectedVersion: 5 });
    expect((await stored(requestId)).lapsesAt).toBeNull();
    expect(await jobOf("reauth.lapse", requestId)).toBeUndefined();
  });

  it("is the deadline when that comes before the link's expiry", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: at(2 * HOUR) });
    expect((await stored(requestId)).lapsesAt).toEqual(at(2 * HOUR));
    expect(await jobOf("reauth.lapse", requestId)).toMatchObject({ runAt: at(2 * HOUR) });
  });
});

describe("the lapse job", () => {
  it("expires the request at its lapse instant, once, with its timeline entry, audit row and webhook", async () => {
    setNow(T0);
    const team = await teamWithWebhook();
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: at(2 * HOUR) });
    const run = () => expireLapsedReauthRequest(deps, { requestId, auditRequestId: "job:1" });

    // Woken early (clocks differ a little): nothing changes, the job is queued again for the instant.
    setNow(at(2 * HOUR - 1));
    const before = await stored(requestId);
    expect(await run()).toBe("rescheduled");
    expect(await stored(requestId)).toEqual(before);
    expect(await jobOf("reauth.lapse", requestId)).toMatchObject({ runAt: at(2 * HOUR) });

    setNow(at(2 * HOUR));
    expect(await run()).toBe("expired");
    expect(await stored(requestId)).toMatchObject({
      state: "expired",
      expiredAt: at(2 * HOUR),
      lapsesAt: null,
      version: before.version + 1,
    });
    expect(await jobOf("reauth.lapse", requestId)).toBeUndefined();
    const timeline = await db.reauthEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
    expect(timeline.map((entry) => [entry.kind, entry.actorLabel])).toEqual([
      ["requested", team.operator.email],
      ["link_issued", team.operator.email],
      ["expired", "system"],
    ]);
    expect(timeline[2]?.detail).toEqual({
      reason: `The deadline (${at(2 * HOUR).toISOString()}) passed before the credential was applied.`,
    });
    expect(
      await db.auditEvent.findFirst({ where: { targetId: requestId, action: "reauth.expire" } }),
    ).toMatchObject({ actorLabel: "system", requestId: "job:1" });
    expect((await webhookEvents(team.team.id)).map((event) => event.event)).toEqual([
      "reauth.requested",
      "reauth.expired",
    ]);

    setNow(at(3 * HOUR));
    expect(await run()).toBe("not lapsed");
    expect(await db.reauthEvent.count({ where: { requestId, kind: "expired" } })).toBe(1);
  });

  it("names an unused link's expiry as the reason when that came first", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team);
    setNow(at(REAUTH_LINK_LIFETIME_MS));
    expect(await expireLapsedReauthRequest(deps, { requestId, auditRequestId: "job:2" })).toBe("expired");
    const entry = await db.reauthEvent.findFirstOrThrow({ where: { requestId, kind: "expired" } });
    expect(entry.detail).toEqual({
      reason: `The link expired unused (${at(REAUTH_LINK_LIFETIME_MS).toISOString()}).`,
    });
  });

  it("leaves a request alone that left the open states before its lapse", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: at(HOUR) });
    await cancelReauth(deps, team.caller, { requestId, expectedVersion: 2 });
    const cancelled = await stored(requestId);
    setNow(at(2 * HOUR));
    expect(await expireLapsedReauthRequest(deps, { requestId, auditRequestId: "job:3" })).toBe("not lapsed");
    expect(await stored(requestId)).toEqual(cancelled);
  });
});

describe("deadline reminders", () => {
  it("are queued a day before the deadline, and remind once, while the request is open", async () => {
    setNow(T0);
    const team = await teamWithWebhook();
    const deadline = at(30 * HOUR);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline });
    expect(await jobOf("reauth.remind", requestId)).toMatchObject({
      runAt: at(6 * HOUR),
      payload: { requestId },
    });
    const remind = () => remindReauthDeadline(deps, { requestId, auditRequestId: "job:4" });

    setNow(at(6 * HOUR - 1));
    expect(await remind()).toBe("rescheduled");
    expect(await db.reauthEvent.count({ where: { requestId, kind: "reminded" } })).toBe(0);

    setNow(at(6 * HOUR));
    const before = await stored(requestId);
    expect(await remind()).toBe("reminded");
    expect(await stored(requestId)).toEqual({
      ...before,
      remindedAt: at(6 * HOUR),
      updatedAt: expect.any(Date) as Date,
    });
    const entry = await db.reauthEvent.findFirstOrThrow({ where: { requestId, kind: "reminded" } });
    expect(entry).toMatchObject({ actorLabel: "system", detail: { deadline: deadline.toISOString() } });
    expect(await db.auditEvent.count({ where: { targetId: requestId, action: "reauth.remind" } })).toBe(1);
    const events = await webhookEvents(team.team.id);
    expect(events.map((event) => event.event)).toEqual(["reauth.requested", "reauth.deadline_near"]);
    expect(events[1]?.request).toMatchObject({ id: requestId, deadline: deadline.toISOString() });

    setNow(at(7 * HOUR));
    expect(await remind()).toBe("skipped");
    expect(await db.reauthEvent.count({ where: { requestId, kind: "reminded" } })).toBe(1);
  });

  it("go out at once for a deadline less than a day away", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: at(2 * HOUR) });
    expect(await jobOf("reauth.remind", requestId)).toMatchObject({ runAt: at(2 * HOUR - 24 * HOUR) });
    expect(await remindReauthDeadline(deps, { requestId, auditRequestId: "job:5" })).toBe("reminded");
  });

  it("are skipped for a request that was cancelled or has lapsed", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const cancelled = await requestForFreshProfile(deps, team, { deadline: at(2 * HOUR) });
    await cancelReauth(deps, team.caller, { requestId: cancelled.requestId, expectedVersion: 2 });
    // Its link (3 days) runs out before its reminder is due (a day before a deadline 5 days away).
    const lapsed = await requestForFreshProfile(deps, team, { deadline: at(120 * HOUR) });
    setNow(at(96 * HOUR));
    for (const { requestId } of [cancelled, lapsed]) {
      expect(await remindReauthDeadline(deps, { requestId, auditRequestId: "job:6" })).toBe("skipped");
      expect(await db.reauthEvent.count({ where: { requestId, kind: "reminded" } })).toBe(0);
    }
  });
});

describe("the cron backstop", () => {
  it("expires lapsed requests and sends due reminders whose jobs were lost, and nothing else", async () => {
    setNow(T0);
    const team = await reauthTeam(db);
    const lapsing = await requestForFreshProfile(deps, team, { deadline: at(HOUR) });
    const dueReminder = await requestForFreshProfile(deps, team, { deadline: at(26 * HOUR) });
    const later = await requestForFreshProfile(deps, team, { deadline: at(50 * HOUR) });
    for (const { requestId } of [lapsing, dueReminder, later]) {
      await removeJob(db, `reauth.lapse:${requestId}`);
      await removeJob(db, `reauth.remind:${requestId}`);
    }
    // The lapsing request was reminded on time; the sweep must not remind it again, nor the later one.
    await remindReauthDeadline(deps, { requestId: lapsing.requestId, auditRequestId: "job:7" });

    setNow(at(2 * HOUR));
    const swept = await sweepReauthSchedule(deps, { auditRequestId: "cron" });
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await stored(lapsing.requestId)).toMatchObject({ state: "expired" });
    expect(await stored(dueReminder.requestId)).toMatchObject({
      state: "link_issued",
      remindedAt: at(2 * HOUR),
    });
    expect(await stored(later.requestId)).toMatchObject({ state: "link_issued", remindedAt: null });

    const again = await sweepReauthSchedule(deps, { auditRequestId: "cron" });
    expect(again).toEqual({ expired: 0, reminded: 0 });
  });
});
