// The connector against a real OpenClaw Gateway (run by scripts/bench-connector.mjs inside a loopback-only network
// namespace): the console (two web instances, a worker), a real Gateway and an enrolled host agent, as the connector
// suite starts them. It measures
//   - re-auth apply → verified: from the submission of a setup-token on the hand-off link (the use case the page's
//     "Apply credential" button calls) until the request is `verified` from the host's real report, 5 times;
//   - job throughput per connected gateway: a burst of agent params edits, each one `config.patch` host job, from the
//     first edit until the last job is applied on the host.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDbClient } from "@clawfleet/db/client";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { updateAgentParams } from "@clawfleet/services/agents/edit-agent";
import { createEnrolmentToken } from "@clawfleet/services/connector/host-enrolment";
import { requestReauth, submitReauthCredential } from "@clawfleet/services/reauth/reauth-workflow";
import type { Caller, ServiceDeps } from "@clawfleet/services/service-context";
import connectorStack, { HOST_PROFILES } from "../../e2e/connector/connector-stack";
import { enrolHostAgent, startHostAgent } from "../../e2e/connector/host-side";
import { readStack } from "../../e2e/connector/stack-handle";

export type ConnectorFigures = {
  openclawVersion: string;
  reauthRuns: { pushedMs: number; verifiedMs: number }[];
  reauthMedianMs: { pushed: number; verified: number };
  throughput: { jobs: number; elapsedMs: number; jobsPerMinute: number; medianApplyMs: number };
};

const REAUTH_RUNS = 5;
const BURST_JOBS = 10;
const WAIT_LIMIT_MS = 240_000;

const { values } = parseArgs({ options: { "json-out": { type: "string" } } });

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function until<T>(what: string, read: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${WAIT_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const teardown = await connectorStack();
const stack = readStack();
const sql = new pg.Client({ connectionString: stack.databaseUrl });
await sql.connect();
const db = createDbClient(stack.databaseUrl, { maxConnections: 4 });
const deps: ServiceDeps = { db, secretBox: openSecretBox(stack.secretKey), now: () => new Date() };
const agent = { process: null as ReturnType<typeof startHostAgent> | null };
try {
  const one = async <T>(text: string, params: unknown[] = []) =>
    (await sql.query<T & pg.QueryResultRow>(text, params)).rows[0];
  const admin = await one<{ id: string; email: string; teamId: string }>(
    `SELECT u.id, u.email, m."teamId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id
     JOIN "Team" t ON t.id = m."teamId" WHERE u.email = 'admin@demo.clawfleet.dev' AND t.slug = 'demo-fleet'`,
  );
  if (!admin) throw new Error("the demo admin is missing");
  const caller: Caller = {
    teamId: admin.teamId,
    actor: { id: admin.id, label: admin.email },
    requestId: "bench-connector",
  };

  const { token } = await createEnrolmentToken(deps, caller, { gatewayId: stack.gatewayId });
  const enrolled = await enrolHostAgent(stack.consoles[1], token);
  if (enrolled.code !== 0) throw new Error(`enrolment failed: ${enrolled.stderr}`);
  agent.process = startHostAgent();

  const profile = await one<{ id: string }>(`SELECT id FROM "AuthProfile" WHERE "profileId" = $1`, [
    HOST_PROFILES.setupToken,
  ]);
  if (!profile) throw new Error(`${HOST_PROFILES.setupToken} is missing`);
  const reauthRuns: ConnectorFigures["reauthRuns"] = [];
  for (let run = 1; run <= REAUTH_RUNS; run++) {
    const requested = await requestReauth(deps, caller, {
      target: { authProfileIds: [profile.id] },
      method: "setup_token",
    });
    const startedAt = Date.now();
    await submitReauthCredential(
      deps,
      { actor: { id: admin.id, label: admin.email }, requestId: `bench-${run}` },
      {
        token: requested.link.token,
        submissionKey: randomUUID(),
        credential: `sk-ant-oat01-BENCH${run}${randomUUID().replaceAll("-", "")}${"b".repeat(60)}`,
        expiresInDays: 30,
      },
    );
    const pushed = await until("pushed", async () => {
      const row = await one<{ state: string }>(`SELECT state FROM "ReauthRequest" WHERE id = $1`, [
        requested.requestId,
      ]);
      if (row?.state === "failed") throw new Error(`re-auth ${run} failed on the host`);
      return row && ["pushed", "verified"].includes(row.state) ? Date.now() - startedAt : null;
    });
    const verified = await until("verified", async () => {
      const row = await one<{ state: string }>(`SELECT state FROM "ReauthRequest" WHERE id = $1`, [
        requested.requestId,
      ]);
      return row?.state === "verified" ? Date.now() - startedAt : null;
    });
    reauthRuns.push({ pushedMs: pushed, verifiedMs: verified });
    console.log(`re-auth ${run}: pushed after ${pushed} ms, verified after ${verified} ms`);
  }

  const main = await one<{ id: string; version: number }>(
    `SELECT id, version FROM "Agent" WHERE "gatewayId" = $1 AND "agentKey" = 'main'`,
    [stack.gatewayId],
  );
  if (!main) throw new Error("agent main is missing");
  const burstStartedAt = new Date();
  let version = main.version;
  for (let edit = 1; edit <= BURST_JOBS; edit++) {
    const saved = await updateAgentParams(deps, caller, {
      agentId: main.id,
      expectedVersion: version,
      edit: { layer: { kind: "agent" }, params: { temperature: edit / 10 } },
    });
    version = saved.version;
  }
  const elapsedMs = await until("burst applied", async () => {
    const row = await one<{ open: string }>(
      `SELECT count(*) FILTER (WHERE state NOT IN ('applied', 'failed', 'cancelled')) AS open
       FROM "HostJob" WHERE "gatewayId" = $1 AND kind = 'config.patch' AND "createdAt" >= $2`,
      [stack.gatewayId, burstStartedAt],
    );
    return row && Number(row.open) === 0 ? Date.now() - burstStartedAt.getTime() : null;
  });
  const applied = await sql.query<{ ms: number }>(
    `SELECT extract(epoch FROM ("finishedAt" - "sentAt")) * 1000 AS ms FROM "HostJob"
     WHERE "gatewayId" = $1 AND kind = 'config.patch' AND "createdAt" >= $2 AND state = 'applied'`,
    [stack.gatewayId, burstStartedAt],
  );
  if (applied.rows.length !== BURST_JOBS)
    throw new Error(`${BURST_JOBS - applied.rows.length} of the burst's jobs were not applied`);
  const figures: ConnectorFigures = {
    openclawVersion: stack.gateway.version,
    reauthRuns,
    reauthMedianMs: {
      pushed: median(reauthRuns.map((run) => run.pushedMs)),
      verified: median(reauthRuns.map((run) => run.verifiedMs)),
    },
    throughput: {
      jobs: BURST_JOBS,
      elapsedMs,
      jobsPerMinute: Number(((BURST_JOBS * 60_000) / elapsedMs).toFixed(1)),
      medianApplyMs: Math.round(median(applied.rows.map((row) => Number(row.ms)))),
    },
  };
  console.log(JSON.stringify(figures));
  if (values["json-out"]) writeFileSync(values["json-out"], JSON.stringify(figures));
} finally {
  await agent.process?.kill();
  await sql.end();
  await db.$disconnect();
  await teardown();
}
