#!/usr/bin/env node
// @ts-check
// The loopback load benchmark: seeds two realistic teams (10,000 agents on 100 gateways and 100,000 agents
// on 1,000 gateways, bench/load/seed-bench-fleet.ts) into a dedicated database, ANALYZEs it, builds the web
// app, runs `next start` on it, signs in as each team's admin, checks that the `--check` roll-up mix is
// realistic, and drives autocannon (10 connections, bounded duration) at the tRPC queries the pages send:
// `agents.list` (plain, searched, filtered by status), `fleet.status`, `authMatrix.list`, and at
// `POST /api/ingest/status`. Status-reading queries are measured cold (the first request after an agent
// edit, which invalidates whatever the server reuses) and warm (10 connections right after) separately.
// Writes its figures as JSON to the path after --json-out (default bench/tmp/load.json).
// Run under the build lock (scripts/bench.mjs does): `flock /tmp/clawfleet-e2e.lock node scripts/bench-load.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";
import {
  benchEnvironment,
  buildWebApp,
  createBenchDatabase,
  dropBenchDatabase,
  lastJsonLine,
  latencyFigures,
  root,
  runAutocannon,
  runOrThrow,
  signIn,
  startNextServer,
  stopServer,
  trpcQuery,
} from "./bench-next-server.mjs";

/** @typedef {import("./bench-next-server.mjs").LatencyFigures} LatencyFigures */
/**
 * A measured row of the results table, with the latency goal it is held to.
 * @typedef {LatencyFigures & { key: string; goal?: { percentile: "p95" | "p99"; ms: number }; note?: string }} TargetFigures
 */
/**
 * What the seed script prints.
 * @typedef {{ label: string; teamId: string; admin: { email: string; password: string }; agents: number;
 *   profiles: number; ownStores: number; seedMs: number; statusRefreshMs: number; storedStatuses: string;
 *   gateways: { gatewayId: string; token: string; agentKeys: string[] }[] }} SeededTeam
 */
/** @typedef {{ ok: number; expiring: number; failing: number; refused: number; total: number }} VerdictCounts */
/** @typedef {{ id: string; name: string; version: number; tags: string[] }} AgentSummary */
/**
 * What the load bench writes for scripts/bench.mjs.
 * @typedef {{ port: number; startedAt: string; finishedAt?: string; agentsListTotal?: number;
 *   teams: Record<string, Omit<SeededTeam, "label" | "teamId" | "admin" | "gateways"> & { gateways: number; mix?: VerdictCounts }>;
 *   targets: TargetFigures[] }} LoadFigures
 */

const argOut = process.argv.indexOf("--json-out");
const jsonOut = argOut > 0 ? (process.argv[argOut + 1] ?? "") : join(root, "bench", "tmp", "load.json");
const port = Number(process.env.CLAWFLEET_BENCH_PORT ?? 3160);
const { databaseName, databaseUrl, origin, env } = benchEnvironment({ prefix: "cf_bench", port });
const TEAMS = [
  { label: "10k", agents: 10_000, gateways: 100 },
  { label: "100k", agents: 100_000, gateways: 1_000 },
];
const CONNECTIONS = 10;
const WARM_SECONDS = 10;
const COLD_SAMPLES = 3;
/** A cold request slower than this is not repeated, and the warm run is skipped (it could not finish). */
const SLOW_COLD_MS = 15_000;
const P95_GOAL_MS = 300;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The data of a tRPC answer (superjson envelope), or a thrown error naming the path and status.
 * @param {Response} response
 * @param {string} path
 */
async function trpcData(response, path) {
  const body = /** @type {{ result?: { data?: { json?: unknown } } } | null} */ (
    await response.json().catch(() => null)
  );
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body?.result?.data?.json;
}

/**
 * A tRPC query's data.
 * @param {string} cookie
 * @param {string} path
 */
async function query(cookie, path) {
  return trpcData(await fetch(`${origin}${path}`, { headers: { cookie } }), path);
}

/**
 * A tRPC mutation's data.
 * @param {string} cookie
 * @param {string} path
 * @param {unknown} input
 */
async function mutate(cookie, path, input) {
  const response = await fetch(`${origin}/api/trpc/${path}`, {
    method: "POST",
    headers: { cookie, origin, "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  return trpcData(response, path);
}

/**
 * Renames the team's first agent (alternating two names), as an operator would: whatever the server reuses
 * for statuses is stale after it, so the next status read is a cold one.
 * @param {string} cookie
 */
async function editAnAgent(cookie) {
  const page = /** @type {{ items: AgentSummary[] }} */ (
    await query(cookie, trpcQuery("agents.list", { page: 1, pageSize: 1 }))
  );
  const agent = page.items[0];
  if (!agent) throw new Error("the team has no agent to edit");
  const name = agent.name.endsWith(" (edited)") ? agent.name.slice(0, -9) : `${agent.name} (edited)`;
  await mutate(cookie, "agents.update", {
    agentId: agent.id,
    expectedVersion: agent.version,
    edit: { name, tags: agent.tags },
  });
}

/**
 * The `--check` roll-up of a team from fleet.status, asserted realistic: every verdict occurs, most agents
 * are ok, and refused (a config OpenClaw rejects) stays a minority.
 * @param {string} cookie
 * @param {string} label
 * @returns {Promise<VerdictCounts>}
 */
async function checkVerdictMix(cookie, label) {
  const { counts } = /** @type {{ counts: VerdictCounts }} */ (
    await query(cookie, trpcQuery("fleet.status"))
  );
  const problems = [];
  for (const verdict of /** @type {const} */ (["ok", "expiring", "failing", "refused"]))
    if (!(counts[verdict] > 0)) problems.push(`no ${verdict} agent`);
  if (counts.ok < counts.total / 2) problems.push("fewer than half the agents are ok");
  if (counts.refused > counts.total / 10) problems.push("more than 10 % of the agents are refused");
  console.log(
    `bench: ${label} --check mix: ok ${counts.ok}, expiring ${counts.expiring}, failing ${counts.failing}, refused ${counts.refused} of ${counts.total}`,
  );
  if (problems.length) throw new Error(`${label}: unrealistic seeded fleet (${problems.join("; ")})`);
  return counts;
}

/**
 * `path` measured cold (the first request after an agent edit, {@link COLD_SAMPLES} times, one at a time)
 * and warm ({@link CONNECTIONS} connections for {@link WARM_SECONDS} s right after).
 * @param {{ key: string; name: string; path: string; cookie: string; goal: TargetFigures["goal"] }} target
 * @returns {Promise<TargetFigures[]>}
 */
async function coldAndWarm({ key, name, path, cookie, goal }) {
  /** @type {number[]} */
  const coldTimes = [];
  /** @type {Map<number, number>} */
  const statuses = new Map();
  const coldStarted = performance.now();
  for (let sample = 0; sample < COLD_SAMPLES; sample += 1) {
    await editAnAgent(cookie);
    const started = performance.now();
    const response = await fetch(`${origin}${path}`, { headers: { cookie } });
    await response.arrayBuffer();
    coldTimes.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if ((coldTimes.at(-1) ?? 0) > SLOW_COLD_MS) break;
  }
  const cold = {
    key: `${key}Cold`,
    goal,
    ...latencyFigures({
      name: `${name}, cold (first request after an agent edit)`,
      connections: 1,
      durationS: (performance.now() - coldStarted) / 1000,
      times: coldTimes,
      statuses,
      errors: 0,
    }),
  };
  console.log(`bench: ${cold.name}: ${coldTimes.map((ms) => Math.round(ms)).join(", ")} ms`);
  if (Math.max(...coldTimes) > SLOW_COLD_MS) {
    const note = `not run: a cold request took ${(Math.max(...coldTimes) / 1000).toFixed(1)} s, longer than the ${SLOW_COLD_MS / 1000} s bench bound`;
    /** @type {TargetFigures} */
    const skipped = {
      ...latencyFigures({
        name: `${name}, warm`,
        connections: CONNECTIONS,
        durationS: 0,
        times: [],
        statuses: new Map(),
        errors: 0,
      }),
      key: `${key}Warm`,
      goal,
      note,
    };
    return [cold, skipped];
  }
  const warm = await runAutocannon(origin, `${name}, warm`, {
    connections: CONNECTIONS,
    duration: WARM_SECONDS,
    timeout: 120,
    requests: [{ method: "GET", path, headers: { cookie } }],
  });
  return [cold, { key: `${key}Warm`, goal, ...warm }];
}

let server;
/** @type {LoadFigures} */
const figures = { port, startedAt: new Date().toISOString(), teams: {}, targets: [] };
try {
  await createBenchDatabase({ databaseName, env });
  /** @type {Record<string, SeededTeam>} */
  const seeded = {};
  for (const team of TEAMS) {
    console.log(`bench: seeding ${team.agents} agents on ${team.gateways} gateways…`);
    const args = [
      "--agents",
      String(team.agents),
      "--gateways",
      String(team.gateways),
      "--label",
      team.label,
    ];
    // why: the seed prints every gateway's agent keys, megabytes at 100,000 agents (spawnSync's default cap is 1 MiB).
    const output = runOrThrow(env, "tsx", [join(root, "bench/load/seed-bench-fleet.ts"), ...args], {
      maxBuffer: 256 * 1024 * 1024,
    });
    const seed = /** @type {SeededTeam} */ (lastJsonLine(output));
    seeded[team.label] = seed;
    figures.teams[team.label] = {
      agents: seed.agents,
      gateways: seed.gateways.length,
      profiles: seed.profiles,
      ownStores: seed.ownStores,
      seedMs: seed.seedMs,
      statusRefreshMs: seed.statusRefreshMs,
      storedStatuses: seed.storedStatuses,
    };
    console.log(`bench: seeded ${seed.agents} agents (${seed.profiles} profiles) in ${seed.seedMs} ms`);
  }
  // why: freshly bulk-loaded tables have no statistics until autovacuum gets to them; plans made before
  // that are not the plans a settled database uses.
  const analyze = new pg.Client({ connectionString: databaseUrl.toString() });
  await analyze.connect();
  await analyze.query("ANALYZE");
  await analyze.end();

  console.log("bench: building the web app…");
  buildWebApp(env);
  server = await startNextServer({ env, port, origin });
  const seed10k = /** @type {SeededTeam} */ (seeded["10k"]);
  const seed100k = /** @type {SeededTeam} */ (seeded["100k"]);
  const cookie10k = await signIn(origin, seed10k.admin);
  const cookie100k = await signIn(origin, seed100k.admin);

  /** @type {[label: string, cookie: string, agents: string][]} */
  const signedIn = [
    ["10k", cookie10k, "10,000 agents"],
    ["100k", cookie100k, "100,000 agents"],
  ];
  for (const [label, cookie, agents] of signedIn) {
    const team = figures.teams[label];
    if (team) team.mix = await checkVerdictMix(cookie, agents);
  }

  const agentsList = trpcQuery("agents.list", { page: 1, pageSize: 50 });
  const agentsSearch = trpcQuery("agents.list", { search: "agent 42-", tag: "even", page: 2, pageSize: 50 });
  const firstPage = /** @type {{ total: number }} */ (await query(cookie10k, agentsList));
  figures.agentsListTotal = firstPage.total;
  await query(cookie10k, agentsSearch);

  const targets = figures.targets;
  console.log("bench: agents.list…");
  targets.push({
    key: "agentsList",
    goal: { percentile: "p95", ms: P95_GOAL_MS },
    ...(await runAutocannon(origin, "agents.list (page 1 of 10,000, 50 rows)", {
      connections: CONNECTIONS,
      duration: 15,
      requests: [{ method: "GET", path: agentsList, headers: { cookie: cookie10k } }],
    })),
  });
  console.log("bench: agents.list with search and tag…");
  targets.push({
    key: "agentsSearch",
    goal: { percentile: "p95", ms: P95_GOAL_MS },
    ...(await runAutocannon(origin, "agents.list (search + tag filter, page 2, 10,000 agents)", {
      connections: CONNECTIONS,
      duration: WARM_SECONDS,
      requests: [{ method: "GET", path: agentsSearch, headers: { cookie: cookie10k } }],
    })),
  });
  console.log("bench: agents.list, 100,000 agents…");
  targets.push({
    key: "agentsList100k",
    ...(await runAutocannon(origin, "agents.list (page 1 of 100,000, 50 rows)", {
      connections: CONNECTIONS,
      duration: WARM_SECONDS,
      requests: [{ method: "GET", path: agentsList, headers: { cookie: cookie100k } }],
    })),
  });
  console.log("bench: fleet.status, 10,000 agents…");
  targets.push(
    ...(await coldAndWarm({
      key: "fleetStatus10k",
      name: "fleet.status (10,000 agents)",
      path: trpcQuery("fleet.status"),
      cookie: cookie10k,
      goal: { percentile: "p95", ms: P95_GOAL_MS },
    })),
  );
  console.log("bench: authMatrix.list, 10,000 agents…");
  targets.push(
    ...(await coldAndWarm({
      key: "authMatrix10k",
      name: "authMatrix.list (page 1, 10,000 agents)",
      path: trpcQuery("authMatrix.list", { page: 1, pageSize: 50 }),
      cookie: cookie10k,
      goal: { percentile: "p95", ms: P95_GOAL_MS },
    })),
  );
  console.log("bench: agents.list with a status filter, 10,000 agents…");
  targets.push(
    ...(await coldAndWarm({
      key: "agentsByStatus10k",
      name: "agents.list (status: failing, page 1, 10,000 agents)",
      path: trpcQuery("agents.list", { status: "failing", page: 1, pageSize: 50 }),
      cookie: cookie10k,
      goal: { percentile: "p95", ms: P95_GOAL_MS },
    })),
  );
  console.log("bench: fleet.status, 100,000 agents…");
  targets.push(
    ...(await coldAndWarm({
      key: "fleetStatus100k",
      name: "fleet.status (100,000 agents)",
      path: trpcQuery("fleet.status"),
      cookie: cookie100k,
      goal: { percentile: "p95", ms: 1_000 },
    })),
  );

  const report = readFileSync(
    join(
      root,
      "..",
      "shared",
      "fixtures",
      "openclaw-status",
      "01-anthropic-api-key",
      "output",
      "stdout.json",
    ),
    "utf8",
  );
  const ingestGateways = seed10k.gateways;
  let sent = 0;
  console.log("bench: POST /api/ingest/status…");
  await sleep(1_000);
  targets.push({
    key: "ingest",
    ...(await runAutocannon(origin, "POST /api/ingest/status (100 gateway tokens, 100 agents each)", {
      connections: CONNECTIONS,
      duration: WARM_SECONDS,
      requests: [
        {
          method: "POST",
          setupRequest: (request) => {
            const gateway = ingestGateways[sent % ingestGateways.length];
            if (!gateway) return request;
            const agentKey =
              gateway.agentKeys[Math.floor(sent / ingestGateways.length) % gateway.agentKeys.length];
            sent += 1;
            return {
              ...request,
              path: `/api/ingest/status?agent=${agentKey}`,
              headers: { authorization: `Bearer ${gateway.token}`, "content-type": "application/json" },
              body: report,
            };
          },
        },
      ],
    })),
  });
  figures.finishedAt = new Date().toISOString();
} finally {
  await stopServer(server);
  await dropBenchDatabase(databaseName);
}

mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify(figures, null, 2));
for (const f of figures.targets) {
  console.log(
    `${f.name}: ${f.note ?? `${f.reqPerSec} req/s, p50 ${f.p50} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, ${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors`}`,
  );
}
