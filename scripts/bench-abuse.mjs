#!/usr/bin/env node
// @ts-check
// The abuse bench (issue 12): the console's own web server (apps/web/server.mjs) on loopback, on a dedicated
// database with two seeded accounts (bench/abuse/seed-abuse-users.ts), with CLAWFLEET_TRUSTED_PROXIES=127.0.0.1 so
// each side's X-Forwarded-For gives it its own address:
//  (a) login burst: 150 sign-ins at once on one account (149 wrong passwords, 1 right), each from its own
//      address → how many passwords were actually checked (the account's auth.login.* audit rows, one per
//      check), against the allowance;
//  (b) 200 connections of anonymous bad-token requests (invitations.acceptAsNewUser with made-up sign-up tokens, and
//      ingest reports with made-up tokens) from 50 attacker addresses, while a legitimate user signs in again
//      and again from another address → that sign-in's latency (CSRF fetch + credentials callback), p50/p95.
// Writes its figures as JSON to the path after --json-out (default bench/tmp/abuse.json).
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import {
  benchEnvironment,
  buildWebApp,
  createBenchDatabase,
  dropBenchDatabase,
  lastJsonLine,
  percentiles,
  root,
  runAutocannon,
  runOrThrow,
  startNextServer,
  stopServer,
} from "./bench-next-server.mjs";
import pg from "pg";
import { tsImport } from "tsx/esm/api";

const { values: options } = parseArgs({ options: { "json-out": { type: "string" } } });
const jsonOut = options["json-out"] ?? join(root, "bench", "tmp", "abuse.json");
const port = Number(process.env.CLAWFLEET_BENCH_ABUSE_PORT ?? 3460);
/** @type {unknown} */
const throttlesModule = await tsImport(
  "../packages/core/src/throttling/sign-in-throttles.ts",
  import.meta.url,
);
/** @type {unknown} */
const policiesModule = await tsImport("../packages/core/src/throttling/throttle-policy.ts", import.meta.url);
const throttles = /** @type {typeof import("../packages/core/src/throttling/sign-in-throttles.ts")} */ (
  throttlesModule
);
const policies = /** @type {typeof import("../packages/core/src/throttling/throttle-policy.ts")} */ (
  policiesModule
);
/** Passwords an account's unknown browsers may try back to back before the first wait. */
const ACCOUNT_ALLOWANCE = policies.burstAllowance(throttles.SIGN_IN_THROTTLES.accountFromUnknownDevices);
const BURST = 150;
const FLOOD_CONNECTIONS = 200;
const FLOOD_SECONDS = 20;

/**
 * @typedef {{ id: string; email: string; password: string }} Account
 * @typedef {{ teamId: string; target: Account; legit: Account }} SeededAccounts
 * @typedef {{ attempts: number; checked: number; failedChecks: number; throttled: number; rightSignedIn: boolean;
 *   allowance: number; elapsedMs: number }} BurstFigures
 * @typedef {{ flood: import("./bench-next-server.mjs").LatencyFigures; signIns: number; signInFailures: number;
 *   signInP50: number; signInP95: number; signInMax: number }} FloodFigures
 * @typedef {{ burst: BurstFigures; flood: FloodFigures; skipped?: string }} AbuseFigures
 */

/**
 * One credentials sign-in as the login form sends it, from `address` (X-Forwarded-For); the next-auth
 * outcome: "signed-in", or the error message the form would show.
 * @param {string} origin
 * @param {{ email: string; password: string; address: string }} attempt
 * @param {{ csrfToken: string; cookie: string }} [prepared] a CSRF pair fetched beforehand
 */
async function signInOnce(origin, { email, password, address }, prepared) {
  const csrf = prepared ?? (await fetchCsrf(origin, address));
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.cookie,
      origin,
      "x-forwarded-for": address,
    },
    body: new URLSearchParams({
      csrfToken: csrf.csrfToken,
      email,
      password,
      callbackUrl: origin,
      json: "true",
    }),
  });
  const signedIn = response.headers
    .getSetCookie()
    .some((cookie) => cookie.includes("next-auth.session-token="));
  if (signedIn) return "signed-in";
  const body = /** @type {{ url?: string }} */ (await response.json().catch(() => ({})));
  return new URL(body.url ?? origin).searchParams.get("error") ?? `HTTP ${response.status}`;
}

/**
 * @param {string} origin
 * @param {string} address
 */
async function fetchCsrf(origin, address) {
  const response = await fetch(`${origin}/api/auth/csrf`, { headers: { "x-forwarded-for": address } });
  const { csrfToken } = /** @type {{ csrfToken: string }} */ (await response.json());
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .join("; ");
  return { csrfToken, cookie };
}

/**
 * The account's sign-in audit rows by action: each checked password writes exactly one failed or succeeded row.
 * @param {string} databaseUrl
 * @param {string} userId
 * @returns {Promise<Record<string, number>>}
 */
async function signInAudit(databaseUrl, userId) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT action, count(*)::int AS count FROM "AuditEvent"
       WHERE "actorId" = $1 AND action LIKE 'auth.login.%' GROUP BY action`,
      [userId],
    );
    return Object.fromEntries(
      /** @type {{ action: string; count: number }[]} */ (rows).map((row) => [row.action, row.count]),
    );
  } finally {
    await client.end();
  }
}

/**
 * (a) 150 attempts on one account at once, each from its own address; the right password is the last one.
 * @param {string} origin
 * @param {string} databaseUrl
 * @param {Account} target
 * @returns {Promise<BurstFigures>}
 */
async function loginBurst(origin, databaseUrl, target) {
  const attempts = Array.from({ length: BURST }, (_, index) => ({
    email: target.email,
    password: index === BURST - 1 ? target.password : `wrong guess ${index}`,
    address: `203.0.${Math.floor(index / 200)}.${(index % 200) + 1}`,
  }));
  const prepared = await Promise.all(attempts.map((attempt) => fetchCsrf(origin, attempt.address)));
  const started = performance.now();
  const outcomes = await Promise.all(
    attempts.map((attempt, index) => signInOnce(origin, attempt, prepared[index])),
  );
  const elapsedMs = Math.round(performance.now() - started);
  const audit = await signInAudit(databaseUrl, target.id);
  const failedChecks = audit["auth.login.failed"] ?? 0;
  return {
    attempts: BURST,
    checked: failedChecks + (audit["auth.login.succeeded"] ?? 0),
    failedChecks,
    throttled: outcomes.filter((outcome) => outcome.startsWith("Too many sign-in attempts")).length,
    rightSignedIn: outcomes.at(-1) === "signed-in",
    allowance: ACCOUNT_ALLOWANCE,
    elapsedMs,
  };
}

/**
 * (b) The anonymous flood from 50 attacker addresses while the legitimate user signs in from another one.
 * @param {string} origin
 * @param {Account} legit
 * @returns {Promise<FloodFigures>}
 */
async function floodWhileSigningIn(origin, legit) {
  const attackerAddress = () => `198.18.0.${Math.floor(Math.random() * 50) + 1}`;
  // Well-formed (43 base64url characters, as real tokens), so each one reaches the token lookup.
  const madeUp = () => randomBytes(32).toString("base64url");
  const flood = runAutocannon(origin, "anonymous bad tokens", {
    connections: FLOOD_CONNECTIONS,
    duration: FLOOD_SECONDS,
    requests: [
      {
        method: "POST",
        path: "/api/trpc/invitations.acceptAsNewUser",
        setupRequest: (request) => ({
          ...request,
          headers: {
            "content-type": "application/json",
            origin,
            "x-forwarded-for": attackerAddress(),
          },
          body: JSON.stringify({
            json: { signUpToken: madeUp(), name: "Mallory", password: "a long enough password" },
          }),
        }),
      },
      {
        method: "POST",
        path: "/api/ingest/status",
        setupRequest: (request) => ({
          ...request,
          headers: {
            "content-type": "application/json",
            authorization: `Bearer cfi_${madeUp()}`,
            "x-forwarded-for": attackerAddress(),
          },
          body: "{}",
        }),
      },
    ],
  });
  /** @type {number[]} */
  const times = [];
  let failures = 0;
  const deadline = Date.now() + (FLOOD_SECONDS - 2) * 1000;
  // why: let the flood reach full speed first.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  while (Date.now() < deadline) {
    const started = performance.now();
    const outcome = await signInOnce(origin, { ...legit, address: "192.0.2.200" });
    times.push(performance.now() - started);
    if (outcome !== "signed-in") failures += 1;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const figures = percentiles(times);
  return {
    flood: await flood,
    signIns: figures.requests,
    signInFailures: failures,
    signInP50: figures.p50,
    signInP95: figures.p95,
    signInMax: figures.max,
  };
}

const { databaseName, databaseUrl, origin, env } = benchEnvironment({ prefix: "cf_abuse", port });
// why: the bench's own requests all come from 127.0.0.1; trusting it as a proxy gives each side its own address.
const serverEnv = { ...env, CLAWFLEET_TRUSTED_PROXIES: "127.0.0.1" };
/** @type {import("node:child_process").ChildProcess | undefined} */
let server;
try {
  await createBenchDatabase({ databaseName, env });
  const seed = /** @type {SeededAccounts} */ (
    lastJsonLine(runOrThrow(env, "tsx", [join(root, "bench/abuse/seed-abuse-users.ts")]))
  );
  buildWebApp(env);
  server = await startNextServer({ env: serverEnv, port, origin });
  const burst = await loginBurst(origin, databaseUrl.toString(), seed.target);
  console.log(
    `login burst: ${burst.attempts} parallel attempts → ${burst.checked} passwords checked (allowance ${burst.allowance}), ${burst.throttled} throttled, right password signed in: ${burst.rightSignedIn} (${burst.elapsedMs} ms)`,
  );
  const flood = await floodWhileSigningIn(origin, seed.legit);
  console.log(
    `anonymous flood: ${flood.flood.requests} requests at ${flood.flood.connections} connections (${JSON.stringify(flood.flood.statuses)}); legitimate sign-in p50 ${flood.signInP50} ms, p95 ${flood.signInP95} ms over ${flood.signIns} (${flood.signInFailures} failed)`,
  );
  /** @type {AbuseFigures} */
  const figures = { burst, flood };
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await stopServer(server);
  await dropBenchDatabase(databaseName);
}
