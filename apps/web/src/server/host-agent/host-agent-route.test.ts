/**
 * The real host-agent routes (app/api/host-agent/…/route.ts, with their real dependencies: database client,
 * secret box, LISTEN connection and enrolment limiter) against a real Postgres database, driven as a host agent
 * drives them: enrol with a token from the tRPC router, poll, answer, report.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_HOST_AGENT_BODY_BYTES } from "@clawfleet/core/connector/host-channel";
import type { HostJobPayload } from "@clawfleet/core/connector/host-jobs";
import { TEST_SECRET_KEY, createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { queueHostJob } from "@clawfleet/services/connector/host-job-queue";
import { teamWithMembers } from "~/server/testing/caller";
import { type HostAgentDependencies, handleEnrol, handlePoll } from "./host-agent-handlers";

const db = useTestDb();
const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const realStatus = JSON.parse(
  readFileSync(
    path.join(repoRoot, "fixtures", "openclaw-status", "01-anthropic-api-key", "output", "stdout.json"),
    "utf8",
  ),
) as unknown;
const HOST = { agentVersion: "0.1.0", openclawVersion: "2026.9.6", hostname: "route-host" };

type Post = (request: Request) => Promise<Response>;
let routes: {
  enrol: Post;
  poll: Post;
  reports: Post;
  jobResult: (request: Request, context: { params: Promise<{ jobId: string }> }) => Promise<Response>;
};
const logged: string[] = [];
let deps: HostAgentDependencies;

beforeAll(async () => {
  // The routes build their own client and secret box from the validated server env, as in production.
  process.env.NEXTAUTH_SECRET ??= "route-test-secret-route-test-secret-0123";
  process.env.CLAWFLEET_SECRET_KEY ??= TEST_SECRET_KEY;
  vi.spyOn(console, "info").mockImplementation((line: string) => void logged.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
  const [enrol, poll, jobResult, reports] = await Promise.all([
    import("~/app/api/host-agent/enrol/route"),
    import("~/app/api/host-agent/poll/route"),
    import("~/app/api/host-agent/jobs/[jobId]/result/route"),
    import("~/app/api/host-agent/reports/route"),
  ]);
  routes = { enrol: enrol.POST, poll: poll.POST, jobResult: jobResult.POST, reports: reports.POST };
  // The same process-wide dependencies the routes use (one LISTEN connection), for handler-level variations.
  deps = (await import("./host-agent-deps")).hostAgentDependencies();
  await deps.wakeups.ready;
});

afterAll(async () => {
  await deps.wakeups.close();
  const { db: appDb } = await import("~/server/db");
  await appDb().$disconnect();
});

function request(
  route: string,
  body: unknown,
  {
    credential,
    contentType = "application/json",
    raw,
  }: { credential?: string; contentType?: string; raw?: string } = {},
) {
  const headers = new Headers({ "content-type": contentType });
  if (credential) headers.set("authorization", `Bearer ${credential}`);
  return new Request(`http://localhost/api/host-agent/${route}`, {
    method: "POST",
    headers,
    body: raw ?? JSON.stringify(body),
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; path?: string } }).error;
}

async function enrolledGateway() {
  const team = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.team.id });
  await createAgent(db, { teamId: team.team.id, gatewayId: gateway.id, agentKey: "main" });
  const { token } = await team.as("admin").hostAgents.createEnrolment({ gatewayId: gateway.id });
  const response = await routes.enrol(request("enrol", { enrolmentToken: token, host: HOST }));
  expect(response.status).toBe(200);
  const enrolled = (await response.json()) as {
    credential: string;
    hostAgentId: string;
    reportIntervalMs: number;
  };
  const queue = (payload: HostJobPayload) =>
    queueHostJob(db, {
      teamId: team.team.id,
      gatewayId: gateway.id,
      payload,
      origin: { type: "gateway", id: gateway.id },
      createdById: null,
      now: new Date(),
    });
  return { ...team, gateway, token, ...enrolled, queue };
}

const poll = (credential: string, resumed = false) =>
  routes.poll(request("poll", { host: HOST, resumed }, { credential }));
const jobsOf = async (response: Response) =>
  ((await response.json()) as { jobs: { jobId: string; attempt: number }[] }).jobs;
const statusReport: HostJobPayload = { kind: "status.report", agentKeys: ["main"] };

describe("enrolment", () => {
  it("trades a token once for a credential shown once; a second use is refused with 401", async () => {
    const gateway = await enrolledGateway();
    expect(gateway.credential).toMatch(/^cfa_/u);
    const again = await routes.enrol(request("enrol", { enrolmentToken: gateway.token, host: HOST }));
    expect(again.status).toBe(401);
    expect(await errorOf(again)).toMatchObject({
      code: "enrolment_refused",
      message: expect.stringContaining("already used") as string,
    });
    expect(logged.join("\n")).not.toContain(gateway.credential);
    expect(logged.join("\n")).not.toContain(gateway.token);
  });

  it("refuses a malformed request before touching anything, saying where", async () => {
    const response = await routes.enrol(request("enrol", { enrolmentToken: "cfe_short", host: HOST }));
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code: "invalid_request", path: "enrolmentToken" });
  });
});

describe("the channel's authentication", () => {
  it("answers 401 without, with an unknown, and with a revoked credential", async () => {
    const gateway = await enrolledGateway();
    const anonymous = await routes.poll(request("poll", { host: HOST, resumed: false }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect((await poll(`cfa_${"Z".repeat(43)}`)).status).toBe(401);
    const agent = await gateway.as("admin").hostAgents.forGateway({ gatewayId: gateway.gateway.id });
    await gateway.as("admin").hostAgents.revoke({
      hostAgentId: agent.hostAgent?.id ?? "",
      expectedVersion: agent.hostAgent?.version ?? 0,
    });
    expect((await poll(gateway.credential)).status).toBe(401);
    const reports = await routes.reports(
      request("reports", { reports: [] }, { credential: gateway.credential }),
    );
    expect(reports.status).toBe(401);
  });

  it("ends a held poll with 401 when the agent is revoked meanwhile", async () => {
    const gateway = await enrolledGateway();
    const held = poll(gateway.credential);
    const agent = await gateway.as("admin").hostAgents.forGateway({ gatewayId: gateway.gateway.id });
    await gateway
      .as("admin")
      .hostAgents.revoke({ hostAgentId: agent.hostAgent?.id ?? "", expectedVersion: 1 });
    expect((await held).status).toBe(401);
  });
});

describe("bad input from a host", () => {
  it("is refused with a clear error: 413 before parsing, 415, 400 and 422", async () => {
    const gateway = await enrolledGateway();
    const credential = gateway.credential;
    const oversized = await routes.reports(
      request("reports", null, {
        credential,
        raw: `{"reports":[${"1,".repeat(MAX_HOST_AGENT_BODY_BYTES / 2)}1]}`,
      }),
    );
    expect(oversized.status).toBe(413);
    expect((await errorOf(oversized)).code).toBe("payload_too_large");
    const notJson = await routes.poll(
      request("poll", null, { credential, contentType: "text/plain", raw: "hi" }),
    );
    expect(notJson.status).toBe(415);
    const badJson = await routes.poll(request("poll", null, { credential, raw: "{" }));
    expect(badJson.status).toBe(400);
    expect((await errorOf(badJson)).code).toBe("invalid_json");
    const badShape = await routes.reports(
      request(
        "reports",
        { reports: [{ agentKey: "main", takenAt: "yesterday", status: {} }] },
        { credential },
      ),
    );
    expect(badShape.status).toBe(422);
    expect(await errorOf(badShape)).toMatchObject({ code: "invalid_request", path: "reports.0.takenAt" });
    expect(await db.statusSnapshot.count({ where: { agent: { gatewayId: gateway.gateway.id } } })).toBe(0);
  });
});

describe("polling and answering", () => {
  it("delivers a ready job at once, records the answer, and refuses an answer to a stale delivery", async () => {
    const gateway = await enrolledGateway();
    const job = await gateway.queue(statusReport);
    const delivered = await poll(gateway.credential);
    expect(delivered.status).toBe(200);
    const body = (await delivered.json()) as { jobs: unknown[]; reportIntervalMs: number };
    expect(body).toEqual({
      jobs: [{ jobId: job?.id, attempt: 1, payload: statusReport }],
      reportIntervalMs: gateway.reportIntervalMs,
    });
    const answer = (attempt: number) =>
      routes.jobResult(
        request(
          `jobs/${job?.id}/result`,
          { attempt, outcome: { status: "applied", result: { summary: "Reported main" } } },
          { credential: gateway.credential },
        ),
        { params: Promise.resolve({ jobId: job?.id ?? "" }) },
      );
    const stale = await answer(2);
    expect(stale.status).toBe(409);
    const recorded = await answer(1);
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toEqual({ recorded: true, state: "applied" });
    expect((await answer(1)).status).toBe(409);
    const unknown = await routes.jobResult(
      request(
        "jobs/x/result",
        { attempt: 1, outcome: { status: "applied", result: { summary: "x" } } },
        { credential: gateway.credential },
      ),
      { params: Promise.resolve({ jobId: crypto.randomUUID() }) },
    );
    expect(unknown.status).toBe(404);
  });

  it("holds a poll until a job is queued, then delivers it", async () => {
    const gateway = await enrolledGateway();
    const held = poll(gateway.credential);
    const job = await gateway.queue(statusReport);
    expect((await jobsOf(await held)).map((delivered) => delivered.jobId)).toEqual([job?.id]);
  });

  it("answers an idle poll with no jobs when the hold ends", async () => {
    const gateway = await enrolledGateway();
    const response = await handlePoll(
      request("poll", { host: HOST, resumed: false }, { credential: gateway.credential }),
      {
        ...deps,
        pollHoldMs: 50,
      },
    );
    expect(response.status).toBe(200);
    expect(await jobsOf(response)).toEqual([]);
  });

  it("hands a job held by an agent that restarted back at once on its resumed poll", async () => {
    const gateway = await enrolledGateway();
    const job = await gateway.queue(statusReport);
    expect((await jobsOf(await poll(gateway.credential)))[0]?.attempt).toBe(1);
    expect(await jobsOf(await poll(gateway.credential, true))).toEqual([
      { jobId: job?.id, attempt: 2, payload: statusReport },
    ]);
  });
});

describe("reports", () => {
  it("store the real status and the gateway state, and name what was refused", async () => {
    const gateway = await enrolledGateway();
    const takenAt = new Date().toISOString();
    const response = await routes.reports(
      request(
        "reports",
        {
          reports: [
            { agentKey: "main", takenAt, status: realStatus },
            { agentKey: "ghost", takenAt, status: realStatus },
          ],
          gatewayState: {
            takenAt,
            configHash: "h",
            config: { gateway: { mode: "local" } },
            agents: [],
            authStatus: {},
          },
        },
        { credential: gateway.credential },
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      stored: 1,
      refused: [{ index: 1, agentKey: "ghost", code: "unknown_agent" }],
      gatewayStateStored: true,
    });
  });

  it("refuse a gateway state holding a credential-looking string with 422, storing nothing", async () => {
    const gateway = await enrolledGateway();
    const takenAt = new Date().toISOString();
    const leaked = `sk-ant-api03-${"R".repeat(90)}`;
    const response = await routes.reports(
      request(
        "reports",
        {
          reports: [{ agentKey: "main", takenAt, status: realStatus }],
          gatewayState: {
            takenAt,
            configHash: "h",
            config: { env: { KEY: leaked } },
            agents: [],
            authStatus: {},
          },
        },
        { credential: gateway.credential },
      ),
    );
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code: "invalid_input", path: "gatewayState" });
    expect(await db.statusSnapshot.count({ where: { agent: { gatewayId: gateway.gateway.id } } })).toBe(0);
    expect(logged.join("\n")).not.toContain(leaked);
  });
});

describe("failed credentials per client address (finding 17)", () => {
  it("refuses an address with 429 and Retry-After after 20 bad enrolment tokens or credentials, not its neighbours", async () => {
    const limited: HostAgentDependencies = {
      ...deps,
      clientAddressOf: (incoming) => incoming.headers.get("x-test-peer") ?? "192.0.2.250",
    };
    const enrolFrom = (peer: string) =>
      handleEnrol(
        new Request("http://localhost/api/host-agent/enrol", {
          method: "POST",
          headers: { "content-type": "application/json", "x-test-peer": peer },
          body: JSON.stringify({ enrolmentToken: `cfe_${"C".repeat(43)}`, host: HOST }),
        }),
        limited,
      );
    for (let attempt = 0; attempt < 20; attempt += 1)
      expect((await enrolFrom("203.0.113.9")).status).toBe(401);
    const refused = await enrolFrom("203.0.113.9");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/u);
    // A bad credential on the poll route from the same address is refused the same way, before any lookup.
    const poll = await handlePoll(
      new Request("http://localhost/api/host-agent/poll", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-test-peer": "203.0.113.9",
          authorization: `Bearer cfa_${"Z".repeat(43)}`,
        },
        body: JSON.stringify({ host: HOST }),
      }),
      limited,
    );
    expect(poll.status).toBe(429);
    expect((await enrolFrom("203.0.113.10")).status).toBe(401);
  });
});
