#!/usr/bin/env node
// The loopback load benchmark (issue 7): seeds 10,000 agents into a dedicated database, builds the web app,
// runs `next start` on it, signs in as the bench admin and drives autocannon with bounded duration/count at
// the agents page query (`agents.list`), the fleet status query (`fleet.status`) and `POST /api/ingest/status`.
// Writes its figures as JSON to the path after --json-out (default bench/tmp/load.json).
// Run under the build lock (scripts/bench.mjs does): `flock /tmp/clawfleet-e2e.lock node scripts/bench-load.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import {
  benchEnvironment,
  buildWebApp,
  createBenchDatabase,
  dropBenchDatabase,
  lastJsonLine,
  root,
  runOrThrow,
  signIn,
  startNextServer,
  stopServer,
  trpcQuery,
} from "./bench-next-server.mjs";

const argOut = process.argv.indexOf("--json-out");
const jsonOut = argOut > 0 ? process.argv[argOut + 1] : join(root, "bench", "tmp", "load.json");
const port = Number(process.env.CLAWFLEET_BENCH_PORT ?? 3160);
const { databaseName, origin, env } = benchEnvironment({ prefix: "cf_bench", port });

/** Latency percentiles (ms) of recorded response times, and status counts. */
function summarize(name, result, times, statuses) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
  const ok = (statuses.get(200) ?? 0) + (statuses.get(201) ?? 0);
  const non2xx = [...statuses]
    .filter(([code]) => code < 200 || code >= 300)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    name,
    connections: result.connections,
    durationS: Number(result.duration.toFixed(1)),
    requests: sorted.length,
    reqPerSec: Number((sorted.length / result.duration).toFixed(1)),
    p50: Number(at(0.5).toFixed(1)),
    p95: Number(at(0.95).toFixed(1)),
    p99: Number(at(0.99).toFixed(1)),
    max: Number((sorted.at(-1) ?? 0).toFixed(1)),
    ok,
    non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(statuses),
  };
}

function run(name, options) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = new Map();
    const instance = autocannon({ ...options, url: origin }, (error, result) =>
      error ? reject(error) : resolve(summarize(name, result, times, statuses)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

let server;
const figures = { port, startedAt: new Date().toISOString() };
try {
  await createBenchDatabase({ databaseName, env });
  console.log("bench: seeding 10,000 agents…");
  const seed = lastJsonLine(runOrThrow(env, "tsx", [join(root, "bench/load/seed-bench-fleet.ts")]));
  figures.seed = { agents: seed.agents, gateways: seed.gateways.length, seedMs: seed.seedMs };
  console.log(`bench: seeded ${seed.agents} agents on ${seed.gateways.length} gateways in ${seed.seedMs} ms`);

  console.log("bench: building the web app…");
  buildWebApp(env);
  server = await startNextServer({ env, port, origin });
  const cookie = await signIn(origin, seed.admin);
  const headers = { cookie };

  const agentsList = trpcQuery("agents.list", { page: 1, pageSize: 50 });
  const agentsSearch = trpcQuery("agents.list", { search: "agent 42-", tag: "even", page: 2, pageSize: 50 });
  for (const path of [agentsList, agentsSearch, trpcQuery("fleet.status")]) {
    const warm = await fetch(`${origin}${path}`, { headers });
    if (!warm.ok) throw new Error(`${path} answered ${warm.status}: ${(await warm.text()).slice(0, 300)}`);
  }
  const firstPage = await (await fetch(`${origin}${agentsList}`, { headers })).json();
  figures.agentsListTotal = firstPage.result?.data?.json?.total ?? null;

  console.log("bench: agents.list…");
  figures.agentsList = await run("agents.list (page 1 of 10,000, 50 rows)", {
    connections: 10,
    duration: 15,
    requests: [{ method: "GET", path: agentsList, headers }],
  });
  console.log("bench: agents.list with search and tag…");
  figures.agentsSearch = await run("agents.list (search + tag filter, page 2)", {
    connections: 10,
    duration: 10,
    requests: [{ method: "GET", path: agentsSearch, headers }],
  });
  console.log("bench: fleet.status…");
  figures.fleetStatus = await run("fleet.status (10,000 agents, read from stored statuses)", {
    connections: 2,
    amount: 24,
    timeout: 60,
    requests: [{ method: "GET", path: trpcQuery("fleet.status"), headers }],
  });

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
  let sent = 0;
  console.log("bench: POST /api/ingest/status…");
  figures.ingest = await run("POST /api/ingest/status (100 gateway tokens, 100 agents each)", {
    connections: 10,
    duration: 10,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const gateway = seed.gateways[sent % seed.gateways.length];
          const agentKey =
            gateway.agentKeys[Math.floor(sent / seed.gateways.length) % gateway.agentKeys.length];
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
  });
  figures.finishedAt = new Date().toISOString();
} finally {
  await stopServer(server);
  await dropBenchDatabase(databaseName);
}

mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify(figures, null, 2));
for (const key of ["agentsList", "agentsSearch", "fleetStatus", "ingest"]) {
  const f = figures[key];
  console.log(
    `${f.name}: ${f.reqPerSec} req/s, p50 ${f.p50} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, ${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors`,
  );
}
