import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ModelsStatus } from "@clawfleet/core/models-status/models-status-report";
import {
  REAUTH_LINK_LIFETIME_MS,
  UNUSABLE_REAUTH_LINK_MESSAGES,
} from "@clawfleet/core/reauth/reauth-request";
import { inTransaction } from "@clawfleet/db/client";
import { profileSecretBinding } from "@clawfleet/db/secret-box";
import { createAgent, createGateway, createMember, createProfile } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { createEnrolmentToken, redeemEnrolment } from "@clawfleet/services/connector/host-enrolment";
import { expireLapsedReauthRequest } from "@clawfleet/services/reauth/reauth-schedule";
import { verifyReauthFromReport } from "@clawfleet/services/reauth/reauth-workflow";
import { SYSTEM_ACTOR } from "@clawfleet/services/service-context";
import { deliverDueWebhooksNow } from "@clawfleet/services/testing/deliver-due-webhooks";
import {
  WEBHOOK_SIGNATURE_HEADER,
  verifyWebhookSignature,
} from "@clawfleet/services/webhooks/webhook-signature";
import { callerFor, teamWithMembers, testDeps, testSecretBox } from "../../testing/caller";

const db = useTestDb();
const HOUR = 3_600_000;
const OLD_TOKEN = `sk-ant-oat01-OLDpod${"o".repeat(70)}AA`;
/** Every valid credential pasted here carries this marker, so a leak anywhere is found by one search. */
const CANARY = "CANARYreauth";
const validToken = (label = "") => `sk-ant-oat01-${CANARY}${label}${"q".repeat(70)}AA`;
/** Rows and responses as text (audit ids are bigints, superjson-free). */
const asText = (value: unknown) =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === "bigint" ? field.toString() : field));

/**
 * A team whose `anthropic:pod` setup-token sits in the own stores of three agents, cooling down, with the
 * same secret (one credential, three profiles); a fourth agent does not reach it.
 */
async function podFleet({ withHostAgent = false }: { withHostAgent?: boolean } = {}) {
  const team = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.team.id });
  if (withHostAgent) {
    // The gateway's host agent, so an applied credential is pushed to the host by connector jobs.
    const { token } = await createEnrolmentToken(
      testDeps(db),
      { teamId: team.team.id, actor: SYSTEM_ACTOR, requestId: "enrol" },
      { gatewayId: gateway.id },
    );
    await redeemEnrolment(
      testDeps(db),
      { requestId: "enrol" },
      {
        enrolmentToken: token,
        host: { agentVersion: "0.1.0", openclawVersion: "2026.9.6", hostname: "pod-host" },
      },
    );
  }
  await db.gateway.update({
    where: { id: gateway.id },
    data: { authProfiles: { "anthropic:pod": { provider: "anthropic", mode: "token" } } },
  });
  const agents = [];
  const profiles = [];
  for (const name of ["pod-a", "pod-b", "pod-c", "bystander"]) {
    const agent = await createAgent(db, { teamId: team.team.id, gatewayId: gateway.id, agentKey: name });
    agents.push(agent);
    if (name === "bystander") continue;
    profiles.push(
      await createProfile(db, testSecretBox, {
        teamId: team.team.id,
        gatewayId: gateway.id,
        agentId: agent.id,
        profileId: "anthropic:pod",
        type: "token",
        expires: new Date(Date.now() + 2 * HOUR),
        secrets: { token: OLD_TOKEN },
        usage: {
          cooldownUntil: new Date(Date.now() + HOUR),
          cooldownReason: "auth",
          errorCount: 2,
          failureCounts: { auth: 2 },
        },
      }),
    );
  }
  const fingerprint = profiles[0]?.secrets[0]?.fingerprint ?? "";
  return { ...team, gateway, agents, profiles, fingerprint };
}

async function requested(
  fleet: Awaited<ReturnType<typeof podFleet>>,
  extra: { assigneeId?: string; deadline?: Date } = {},
) {
  return fleet.as("operator").reauth.request({
    target: { fingerprint: fleet.fingerprint },
    method: "setup_token",
    ...extra,
  });
}

const submission = (token: string, credential: string, submissionKey: string = crypto.randomUUID()) => ({
  token,
  submissionKey,
  credential,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("re-auth router", () => {
  it("refuses a viewer who tries to trigger, and changes nothing", async () => {
    const fleet = await podFleet();
    await expect(
      fleet
        .as("viewer")
        .reauth.request({ target: { fingerprint: fleet.fingerprint }, method: "setup_token" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      fleet.as("viewer").reauth.request({
        target: { authProfileIds: [fleet.profiles[0]?.id ?? ""] },
        method: "setup_token",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.reauthRequest.count({ where: { teamId: fleet.team.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { teamId: fleet.team.id } })).toBe(0);
  });

  it("fans out from a fingerprint to every profile holding it and every agent reaching them, and issues a hashed one-time link", async () => {
    const fleet = await podFleet();
    const result = await requested(fleet);
    expect(result).toMatchObject({ state: "link_issued", profileCount: 3, agentCount: 3 });
    expect(result.link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.reauthRequest.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(row.linkTokenHash).toHaveLength(64);
    expect(row.linkTokenHash).not.toContain(result.link.token);

    const view = await fleet.as("viewer").reauth.byId({ requestId: result.requestId });
    expect(view.agents.map((agent) => agent.agentKey).sort()).toEqual(["pod-a", "pod-b", "pod-c"]);
    expect(view.timeline.map((entry) => entry.kind)).toEqual(["requested", "link_issued"]);
    expect(asText(view)).not.toContain(result.link.token);

    // One open request per profile at a time.
    await expect(requested(fleet)).rejects.toMatchObject({ code: "CONFLICT" });
    // A method that does not fit is refused, naming the profile.
    await expect(
      fleet.as("operator").reauth.request({ target: { fingerprint: fleet.fingerprint }, method: "oauth" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("anthropic:pod") as string,
    });
  });

  it("applies a pasted setup-token to every covered profile in one transaction, with OpenClaw's messages first", async () => {
    const fleet = await podFleet({ withHostAgent: true });
    const { link, requestId } = await requested(fleet, { assigneeId: fleet.members.viewer.id });
    const assignee = fleet.as("viewer");

    const opened = await assignee.reauth.openLink({ token: link.token });
    expect(opened).toMatchObject({ status: "usable", method: "setup_token", agentCount: 3 });
    if (opened.status !== "usable") throw new Error("link should be usable");
    expect(opened.profiles[0]?.instructions.command).toBe("claude setup-token");

    for (const [credential, message] of [
      ["   ", "Required"],
      ["sk-ant-api03-abcdef", "Expected token starting with sk-ant-oat01-"],
      ["sk-ant-oat01-tooShort", "Token looks too short; paste the full setup-token"],
      ["sk-ant-o...AAAAAAAA", expect.stringContaining("masked value") as string],
      ["sk-ant-oat01-your-token-here", expect.stringContaining("placeholder") as string],
    ] as const) {
      await expect(
        assignee.reauth.submitCredential(submission(link.token, credential)),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message,
      });
    }
    expect((await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe(
      "link_issued",
    );

    const token = validToken();
    const outcome = await assignee.reauth.submitCredential(
      submission(link.token, `${token.slice(0, 40)}\n  ${token.slice(40)}\n`),
    );
    expect(outcome).toMatchObject({ state: "applied", repeated: false, mask: "sk-ant-o...qqqqqqAA" });

    for (const profile of fleet.profiles) {
      const row = await db.authProfile.findUniqueOrThrow({ where: { id: profile.id } });
      expect(row).toMatchObject({ type: "token", expires: null, cooldownUntil: null, errorCount: 0 });
      expect(row.version).toBe(profile.version + 1);
      const stored = await db.authProfileSecret.findFirstOrThrow({
        where: { authProfileId: profile.id, field: "token" },
      });
      expect(
        testSecretBox.decrypt(stored.ciphertext, profileSecretBinding(fleet.team.id, profile.id, "token")),
      ).toBe(token);
    }
    const actions = (
      await db.auditEvent.findMany({
        where: { teamId: fleet.team.id, NOT: { action: { startsWith: "host_agent." } } },
        orderBy: { id: "asc" },
      })
    ).map((event) => event.action);
    expect(actions).toEqual([
      "reauth.request",
      "reauth.link_issue",
      "reauth.submit",
      "auth_profile.reauth",
      "auth_profile.reauth",
      "auth_profile.reauth",
      "reauth.apply",
    ]);
    // One push per covered profile, to the store that holds it on the host; the secret is in none of them.
    const jobs = await db.hostJob.findMany({ where: { teamId: fleet.team.id }, orderBy: { seq: "asc" } });
    const pushes = jobs.map((job) => job.payload as Record<string, unknown>);
    expect(pushes.map((push) => push.storeAgentKey).sort()).toEqual(["pod-a", "pod-b", "pod-c"]);
    for (const push of pushes)
      expect(push).toMatchObject({
        kind: "credential.push",
        profileId: "anthropic:pod",
        type: "token",
        reauthRequestId: requestId,
      });
    expect(jobs).toHaveLength(3);
    expect(jobs.every((job) => job.originType === "reauth_request" && job.originId === requestId)).toBe(true);
    expect(asText(jobs)).not.toContain(CANARY);

    // The link is single use.
    await expect(
      assignee.reauth.submitCredential(submission(link.token, validToken("again"))),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: UNUSABLE_REAUTH_LINK_MESSAGES.used });
    expect(await assignee.reauth.openLink({ token: link.token })).toEqual({
      status: "unusable",
      state: "applied",
      message: UNUSABLE_REAUTH_LINK_MESSAGES.used,
    });
  });

  it("answers a double submit (same submission key) with one effect", async () => {
    const fleet = await podFleet({ withHostAgent: true });
    const { link } = await requested(fleet);
    const once = submission(link.token, validToken());
    const [first, second] = await Promise.all([
      fleet.as("operator").reauth.submitCredential(once),
      fleet.as("operator").reauth.submitCredential(once),
    ]);
    expect([first.repeated, second.repeated].sort()).toEqual([false, true]);
    const third = await fleet.as("operator").reauth.submitCredential(once);
    expect(third).toMatchObject({ state: "applied", repeated: true });
    expect(await db.auditEvent.count({ where: { teamId: fleet.team.id, action: "reauth.apply" } })).toBe(1);
    expect(await db.hostJob.count({ where: { teamId: fleet.team.id } })).toBe(3);
    for (const profile of fleet.profiles)
      expect((await db.authProfile.findUniqueOrThrow({ where: { id: profile.id } })).version).toBe(
        profile.version + 1,
      );
  });

  it("lets exactly one of 20 concurrent submissions to one request win", async () => {
    const fleet = await podFleet();
    const { link, requestId } = await requested(fleet);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        fleet.as("operator").reauth.submitCredential(submission(link.token, validToken(`n${index}`))),
      ),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("applied");
    expect(await db.auditEvent.count({ where: { teamId: fleet.team.id, action: "reauth.apply" } })).toBe(1);
    expect(
      await db.auditEvent.count({ where: { teamId: fleet.team.id, action: "auth_profile.reauth" } }),
    ).toBe(3);
    expect(await db.authProfileSecret.count({ where: { teamId: fleet.team.id } })).toBe(3);
    // All three profiles hold the same (winning) secret: one fingerprint.
    const fingerprints = await db.authProfileSecret.findMany({ where: { teamId: fleet.team.id } });
    expect(new Set(fingerprints.map((secret) => secret.fingerprint)).size).toBe(1);
  });

  it("refuses an expired link and records the expiry", async () => {
    const fleet = await podFleet();
    const { link, requestId } = await requested(fleet);
    const afterTheLink = () => new Date(Date.now() + REAUTH_LINK_LIFETIME_MS + 1000);
    await expect(
      fleet.as("viewer", afterTheLink).reauth.submitCredential(submission(link.token, validToken())),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: UNUSABLE_REAUTH_LINK_MESSAGES.expired });
    const row = await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.state).toBe("expired");
    expect(row.expiredAt).not.toBeNull();
    const expiry = await db.auditEvent.findFirstOrThrow({
      where: { teamId: fleet.team.id, action: "reauth.expire" },
    });
    expect(expiry.actorLabel).toBe("system");
    // Nothing was applied.
    const profile = await db.authProfile.findUniqueOrThrow({ where: { id: fleet.profiles[0]?.id } });
    expect(profile.cooldownUntil).not.toBeNull();
  });

  it("shows a request past its deadline as expired without writing, until its lapse job expires it", async () => {
    const fleet = await podFleet();
    const deadline = new Date(Date.now() + HOUR);
    const { requestId, link } = await requested(fleet, { deadline });
    const afterTheDeadline = () => new Date(deadline.getTime() + 1000);
    const reader = fleet.as("viewer", afterTheDeadline);

    const before = await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(before.lapsesAt).toEqual(deadline);
    const list = await reader.reauth.list({ scope: "all" });
    expect(list.find((request) => request.id === requestId)).toMatchObject({
      state: "expired",
      hasLiveLink: false,
      expiredAt: deadline,
    });
    expect(await reader.reauth.list({ scope: "open" })).toEqual([]);
    expect(await reader.reauth.byId({ requestId })).toMatchObject({ state: "expired" });
    expect(await reader.reauth.pendingForAgent({ agentId: fleet.agents[0]?.id ?? "" })).toEqual([]);
    expect(await reader.reauth.nearDeadline()).toEqual([]);
    expect(await reader.reauth.openLink({ token: link.token })).toEqual({
      status: "unusable",
      state: "expired",
      message: UNUSABLE_REAUTH_LINK_MESSAGES.expired,
    });
    expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).toEqual(before);

    // Its lapse job, queued for the deadline, runs this at the deadline (see the services' and worker's tests).
    expect(
      await expireLapsedReauthRequest(
        { db, now: afterTheDeadline },
        { requestId, auditRequestId: crypto.randomUUID() },
      ),
    ).toBe("expired");
    expect(await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      state: "expired",
      lapsesAt: null,
    });
    // A move refused because the request lapsed says so in core's words.
    await expect(
      fleet.as("operator").reauth.cancel({ requestId, expectedVersion: before.version + 1 }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Cannot cancel it: the request is expired.",
    });
  });

  it("answers a link of another team as not found, and shows it nothing", async () => {
    const fleet = await podFleet();
    const { link, requestId } = await requested(fleet);
    const stranger = await teamWithMembers(db);
    await expect(
      stranger.as("admin").reauth.submitCredential(submission(link.token, validToken())),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown });
    expect(await stranger.as("admin").reauth.openLink({ token: link.token })).toEqual({
      status: "unknown",
      message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown,
    });
    await expect(stranger.as("admin").reauth.byId({ requestId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      stranger.as("admin").reauth.request({
        target: { authProfileIds: [fleet.profiles[0]?.id ?? ""] },
        method: "setup_token",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      stranger.as("operator").reauth.cancel({ requestId, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe(
      "link_issued",
    );
  });

  it("refuses a viewer who holds an unassigned link, changing nothing; an assigned viewer may apply (finding 15)", async () => {
    const fleet = await podFleet();
    const unassigned = await requested(fleet);
    await expect(
      fleet.as("viewer").reauth.submitCredential(submission(unassigned.link.token, validToken("v"))),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("needs the operator role; you are a viewer") as unknown,
    });
    expect((await fleet.as("viewer").reauth.byId({ requestId: unassigned.requestId })).state).toBe(
      "link_issued",
    );

    await fleet.as("operator").reauth.cancel({ requestId: unassigned.requestId, expectedVersion: 2 });
    const assigned = await requested(fleet, { assigneeId: fleet.members.viewer.id });
    await fleet.as("viewer").reauth.submitCredential(submission(assigned.link.token, validToken("a")));
    expect((await fleet.as("viewer").reauth.byId({ requestId: assigned.requestId })).state).toBe("applied");
  });

  it("keeps an assigned link for its assignee, and a revoked or replaced link stops working", async () => {
    const fleet = await podFleet();
    const { link, requestId } = await requested(fleet, { assigneeId: fleet.members.viewer.id });
    await expect(
      fleet.as("admin").reauth.submitCredential(submission(link.token, validToken())),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const fresh = await fleet.as("operator").reauth.issueLink({ requestId, expectedVersion: 2 });
    expect(await fleet.as("viewer").reauth.openLink({ token: link.token })).toMatchObject({
      status: "unknown",
    });
    await expect(
      fleet.as("operator").reauth.revokeLink({ requestId, expectedVersion: 2 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await fleet.as("operator").reauth.revokeLink({ requestId, expectedVersion: 3 });
    expect(await fleet.as("viewer").reauth.openLink({ token: fresh.token })).toMatchObject({
      status: "unknown",
    });
    await fleet.as("operator").reauth.cancel({ requestId, expectedVersion: 4 });
    const view = await fleet.as("viewer").reauth.byId({ requestId });
    expect(view.state).toBe("cancelled");
    expect(view.timeline.map((entry) => [entry.kind, entry.actorLabel])).toEqual([
      ["requested", fleet.members.operator.email],
      ["link_issued", fleet.members.operator.email],
      ["link_issued", fleet.members.operator.email],
      ["link_revoked", fleet.members.operator.email],
      ["cancelled", fleet.members.operator.email],
    ]);
    await expect(fleet.as("viewer").reauth.cancel({ requestId, expectedVersion: 5 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("marks an applied request verified when a later reported snapshot shows the profile healthy", async () => {
    const fleet = await podFleet();
    const { link, requestId } = await requested(fleet);
    await fleet.as("operator").reauth.submitCredential(submission(link.token, validToken()));
    const agent = fleet.agents[0];
    if (!agent) throw new Error("fleet has agents");
    const report = (status: string, cooling: boolean) => ({
      kind: "status" as const,
      version: "2026.9.6" as const,
      status: {
        auth: {
          unusableProfiles: cooling ? [{ profileId: "anthropic:pod" }] : [],
          oauth: {
            warnAfterMs: 86_400_000,
            profiles: [{ profileId: "anthropic:pod", status }],
            providers: [],
          },
        },
      } as unknown as ModelsStatus,
    });
    const ingest = (status: string, cooling: boolean, takenAt: Date) =>
      inTransaction(db, (tx) =>
        verifyReauthFromReport(tx, {
          teamId: fleet.team.id,
          agentId: agent.id,
          takenAt,
          report: report(status, cooling),
          auditRequestId: crypto.randomUUID(),
        }),
      );
    await ingest("static", true, new Date(Date.now() + 1000));
    expect((await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("applied");
    await ingest("static", false, new Date(Date.now() - HOUR));
    expect((await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("applied");
    await ingest("static", false, new Date(Date.now() + 2000));
    const row = await db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.state).toBe("verified");
    expect(await db.auditEvent.count({ where: { teamId: fleet.team.id, action: "reauth.verify" } })).toBe(1);
  });

  it("completes an OAuth re-sign-in from the host's report", async () => {
    const team = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.team.id });
    const agent = await createAgent(db, { teamId: team.team.id, gatewayId: gateway.id, agentKey: "main" });
    const profile = await createProfile(db, testSecretBox, {
      teamId: team.team.id,
      gatewayId: gateway.id,
      profileId: "anthropic:me@example.test",
      type: "oauth",
      secrets: {
        access: `sk-ant-oat01-ACCESS${"a".repeat(70)}`,
        refresh: `sk-ant-ort01-REFRESH${"r".repeat(70)}`,
      },
      usage: { cooldownUntil: new Date(Date.now() + HOUR), cooldownReason: "auth" },
    });
    const { link, requestId } = await team
      .as("operator")
      .reauth.request({ target: { authProfileIds: [profile.id] }, method: "oauth" });
    const opened = await team.as("viewer").reauth.openLink({ token: link.token });
    if (opened.status !== "usable") throw new Error("link should be usable");
    expect(opened.profiles[0]?.instructions.command).toBe(
      "openclaw models auth login --provider anthropic --profile-id 'anthropic:me@example.test'",
    );
    await expect(
      team.as("operator").reauth.submitCredential(submission(link.token, validToken())),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const key = crypto.randomUUID();
    expect(
      await team.as("operator").reauth.confirmHostSignIn({ token: link.token, submissionKey: key }),
    ).toMatchObject({
      state: "credential_submitted",
    });
    await inTransaction(db, (tx) =>
      verifyReauthFromReport(tx, {
        teamId: team.team.id,
        agentId: agent.id,
        takenAt: new Date(Date.now() + 1000),
        report: {
          kind: "status",
          version: "2026.9.6",
          status: {
            auth: {
              unusableProfiles: [],
              oauth: { profiles: [{ profileId: "anthropic:me@example.test", status: "ok" }] },
            },
          } as unknown as ModelsStatus,
        },
        auditRequestId: crypto.randomUUID(),
      }),
    );
    const view = await team.as("viewer").reauth.byId({ requestId });
    expect(view.state).toBe("verified");
    expect(view.timeline.map((entry) => entry.kind)).toEqual([
      "requested",
      "link_issued",
      "credential_submitted",
      "applied",
      "verified",
    ]);
    expect((await db.authProfile.findUniqueOrThrow({ where: { id: profile.id } })).cooldownUntil).toBeNull();
  });

  it("calls the team webhook on request, apply and expiry with a verifiable signature, retrying failures", async () => {
    const fleet = await podFleet();
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let failNext = 1;
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        if (failNext > 0) {
          failNext -= 1;
          response.writeHead(500).end();
          return;
        }
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await expect(
        fleet.as("admin").reauth.saveWebhook({ url, expectedVersion: null, rotateSecret: false }),
        "loopback is refused unless the install allows it",
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      // why: this receiver listens on loopback, which an install must allow explicitly.
      vi.stubEnv("CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1");
      await expect(
        fleet.as("operator").reauth.saveWebhook({ url, expectedVersion: null, rotateSecret: false }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      const saved = await fleet
        .as("admin")
        .reauth.saveWebhook({ url, expectedVersion: null, rotateSecret: false });
      const secret = saved.signingSecret ?? "";
      expect(secret).toMatch(/^cfwh_/);
      expect(asText(await fleet.as("admin").reauth.webhook())).not.toContain(secret);

      const drain = () => deliverDueWebhooksNow(testDeps(db), { allowedNetworks: ["127.0.0.1"] });
      const { link, requestId } = await requested(fleet, { deadline: new Date(Date.now() + HOUR) });
      await fleet.as("operator").reauth.submitCredential(submission(link.token, validToken()));
      const second = await fleet.as("operator").reauth.request({
        target: { authProfileIds: [fleet.profiles[0]?.id ?? ""] },
        method: "setup_token",
        deadline: new Date(Date.now() + HOUR),
      });
      await expireLapsedReauthRequest(
        { db, now: () => new Date(Date.now() + 2 * HOUR) },
        { requestId: second.requestId, auditRequestId: crypto.randomUUID() },
      );

      // No worker runs here: deliver due rows by hand until every one has settled (the first call failed).
      await vi.waitFor(
        async () => {
          await db.outboxJob.updateMany({
            where: { kind: "webhook", doneAt: null },
            data: { availableAt: new Date(0) },
          });
          await drain();
          expect(
            received.map((delivery) => (JSON.parse(delivery.body) as { event: string }).event).sort(),
          ).toEqual(["reauth.applied", "reauth.expired", "reauth.requested", "reauth.requested"]);
        },
        { timeout: 10_000, interval: 200 },
      );
      const failedOnce = await db.outboxJob.findMany({ where: { kind: "webhook", attempts: { gt: 1 } } });
      expect(failedOnce.length).toBeGreaterThanOrEqual(1);
      for (const delivery of received) {
        const header = String(delivery.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]);
        expect(
          verifyWebhookSignature(secret, header, delivery.body, { nowSeconds: (Date.now() / 1000) | 0 }),
        ).toBe(true);
        expect(
          verifyWebhookSignature(`${secret}x`, header, delivery.body, {
            nowSeconds: (Date.now() / 1000) | 0,
          }),
        ).toBe(false);
        expect(delivery.body).not.toContain(CANARY);
        expect(delivery.body).not.toContain(link.token);
      }
      const applied = received.find((delivery) => delivery.body.includes("reauth.applied"));
      expect(JSON.parse(applied?.body ?? "{}")).toMatchObject({
        event: "reauth.applied",
        request: { id: requestId, state: "applied", agentCount: 3, profiles: "anthropic:pod" },
      });
      const audit = await db.auditEvent.findFirstOrThrow({
        where: { teamId: fleet.team.id, action: "webhook.update" },
      });
      expect(asText(audit)).not.toContain(secret);
    } finally {
      vi.unstubAllEnvs();
      server.close();
    }
  });

  it("never lets the pasted secret reach a response, log line, audit row, timeline or job payload", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((arg) => (typeof arg === "string" ? arg : asText(arg))).join(" "));
      });
    const fleet = await podFleet({ withHostAgent: true });
    const { link, requestId } = await requested(fleet, { assigneeId: fleet.members.viewer.id });
    const responses: unknown[] = [];
    const secret = validToken("scan");
    const assignee = fleet.as("viewer");
    const capture = async (call: Promise<unknown>) =>
      responses.push(
        await call.catch((error: unknown) => ({ error: asText(error), message: String(error) })),
      );

    await capture(assignee.reauth.submitCredential(submission(link.token, secret.slice(0, 40))));
    await capture(assignee.reauth.submitCredential(submission(link.token, `Bearer${secret}`)));
    await capture(assignee.reauth.submitCredential(submission(link.token, secret)));
    await capture(assignee.reauth.submitCredential(submission(link.token, secret)));
    await capture(assignee.reauth.openLink({ token: link.token }));
    await capture(fleet.as("viewer").reauth.byId({ requestId }));
    await capture(fleet.as("viewer").reauth.list({ scope: "all" }));
    await capture(fleet.as("viewer").authProfiles.forAgent({ agentId: fleet.agents[0]?.id ?? "" }));
    await capture(fleet.as("viewer").credentials.usage());
    await capture(fleet.as("admin").audit.list({ limit: 50 }));
    await deliverDueWebhooksNow(testDeps(db), { log: (line) => lines.push(line) });

    const stored = {
      audit: await db.auditEvent.findMany({ where: { teamId: fleet.team.id } }),
      events: await db.reauthEvent.findMany({ where: { teamId: fleet.team.id } }),
      jobs: await db.hostJob.findMany({ where: { teamId: fleet.team.id } }),
      requests: await db.reauthRequest.findMany({ where: { teamId: fleet.team.id } }),
      secrets: await db.authProfileSecret.findMany({ where: { teamId: fleet.team.id } }),
    };
    expect(stored.jobs.length).toBeGreaterThan(0);
    expect(stored.audit.length).toBeGreaterThan(5);
    for (const [where, text] of [
      ["responses", asText(responses)],
      ["log lines", lines.join("\n")],
      ...Object.entries(stored).map(([table, rows]) => [table, asText(rows)]),
    ] as const) {
      expect(text, where).not.toContain(CANARY);
      expect(text, where).not.toContain(secret.slice(13, 40));
    }
    expect(asText(responses)).toContain("sk-ant-o...qqqqqqAA");
  });

  it("lets a member pick an assignee only from the team", async () => {
    const fleet = await podFleet();
    const outsider = await createMember(db, { teamId: (await teamWithMembers(db)).team.id, role: "admin" });
    await expect(requested(fleet, { assigneeId: outsider.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requested(fleet, { deadline: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The deadline must be in the future.",
    });
    expect(await db.reauthRequest.count({ where: { teamId: fleet.team.id } })).toBe(0);
    const anonymous = callerFor(db, null);
    await expect(anonymous.reauth.openLink({ token: "x".repeat(43) })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
