/**
 * The canary leak scan (security checklist B2.1). Canary secrets of every kind are seeded through the real
 * paths (an import with canary-bearing files, authProfiles.createApiKey, ingestTokens.rotate), then every
 * procedure is driven through the real HTTP route handler as every kind of caller, with valid, forbidden and
 * canary-laden invalid inputs, and the ingest route with good and bad tokens. Every response body and header,
 * every console line and stdout/stderr write, every audit and outbox row, and a `pg_dump --data-only` of the
 * database are scanned for each canary and its derivatives. The ingest token may appear in the one response
 * that issued it, and nowhere else.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Canary, CanaryScanner, canaryOf, makeProviderCanaries } from "@clawfleet/db/testing/canaries";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { runQueuedJobsNow } from "@clawfleet/services/testing/run-queued-jobs";
import { testDeps } from "../testing/caller";
import { PROCEDURE_SAMPLES, type SampleFleet, buildSampleFleet } from "../testing/procedure-samples";
import { httpSession, readTrpcResponse, trpcRequest } from "../testing/trpc-http";
import { appRouter } from "./root";

vi.mock("~/server/api/http-context", async () => {
  const harness = await import("~/server/testing/trpc-http");
  return { createHttpContext: harness.createTestHttpContext, ACTIVE_TEAM_COOKIE: "clawfleet-team" };
});

const db = useTestDb();
httpSession.db = db;

const canaries = makeProviderCanaries();
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const paths = Object.keys(procedures).sort();

type Capture = { label: string; text: string };
const responses: Capture[] = [];
const logLines: string[] = [];
let fleet: SampleFleet;
let ingestCanary: Canary;
let rotateResponseIndex = -1;

let trpcGet: (request: Request) => Response | Promise<Response>;
let trpcPost: (request: Request) => Response | Promise<Response>;
let ingestPost: (request: Request) => Promise<Response>;

/** One procedure call over HTTP as `user`; records the response and returns its data (or the error). */
async function overHttp(user: { id: string } | null, label: string, procedure: string, input: unknown) {
  const kind = procedures[procedure]?._def.type === "mutation" ? "mutation" : "query";
  httpSession.userId = user?.id ?? null;
  const request = trpcRequest(procedure, input, { kind });
  const response = await (kind === "query" ? trpcGet(request) : trpcPost(request));
  const read = await readTrpcResponse(response);
  responses.push({
    label: `${procedure} as ${label} → ${read.status}`,
    text: `${read.headerText}\n\n${read.text}`,
  });
  return read;
}

/** The input with every string and number replaced by canaries: invalid everywhere, secrets everywhere. */
function poisoned(input: unknown, index = { next: 0 }): unknown {
  const pool = Object.values(canaries);
  const pick = () => pool[index.next++ % pool.length]?.value ?? "";
  if (typeof input === "string" || typeof input === "number") return pick();
  if (Array.isArray(input)) return input.map((item) => poisoned(item, index));
  if (input && typeof input === "object")
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, poisoned(value, index)]));
  return pick();
}

const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const report = readFileSync(
  path.join(
    repoRoot,
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

function ingest(token: string, body: string, query = "?agent=main") {
  return ingestPost(
    new Request(`http://console.test/api/ingest/status${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
    }),
  );
}

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "leak-scan-secret-leak-scan-secret-0123";
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logLines.push(
        args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" "),
      );
    });
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      logLines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    });
  ({ GET: trpcGet, POST: trpcPost } = await import("~/app/api/trpc/[trpc]/route"));
  ({ POST: ingestPost } = await import("~/app/api/ingest/status/route"));

  fleet = await buildSampleFleet(db, {
    secrets: {
      apiKey: canaries.apiKey.value,
      setupToken: canaries.setupToken.value,
      oauthAccess: canaries.oauthAccess.value,
      oauthRefresh: canaries.oauthRefresh.value,
    },
    transport: (user) => async (procedure, input) => {
      const read = await overHttp(user, "admin (setup)", procedure, input);
      if (read.error) throw new Error(`${procedure} failed in setup: ${read.error.message ?? read.status}`);
      if (procedure === "ingestTokens.rotate") rotateResponseIndex = responses.length - 1;
      return read.data;
    },
  });
  ingestCanary = canaryOf("ingestToken", fleet.ingestToken, "cfi_");

  // Reports with the real token, refusals with a canary as the token, and a canary-laden body.
  expect((await ingest(fleet.ingestToken, report)).status).toBe(201);
  expect((await ingest(canaries.apiKey.value, report)).status).toBe(401);
  expect((await ingest(fleet.ingestToken, `{"auth": "${canaries.oauthRefresh.value}"`)).status).toBe(400);
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  const { db: appDb } = await import("~/server/db");
  await appDb().$disconnect();
});

describe("the canary scanner", () => {
  it("finds a canary's derivatives and ignores OpenClaw's mask of it", () => {
    const { apiKey } = canaries;
    const scanner = new CanaryScanner([apiKey]);
    scanner.scan("base64", Buffer.from(apiKey.value).toString("base64"));
    scanner.scan("url", `?key=${encodeURIComponent(apiKey.value)}`);
    scanner.scan("window", `…${apiKey.secretPart.slice(40, 52)}…`);
    scanner.scan("prefix stripped", apiKey.secretPart);
    scanner.scan("mask", `${apiKey.value.slice(0, 8)}...${apiKey.value.slice(-8)}`);
    expect(scanner.hits.map((hit) => hit.surface)).toEqual(
      expect.arrayContaining(["base64", "url", "window", "prefix stripped"]),
    );
    expect(scanner.hits.some((hit) => hit.surface === "mask")).toBe(false);
  });
});

describe("the leak scan", () => {
  it("drives every procedure as every caller, with valid, forbidden and canary-laden invalid inputs", async () => {
    const callers = [
      { label: "anonymous", user: null },
      ...(["viewer", "operator", "admin"] as const).map((role) => ({
        label: role,
        user: fleet.own.members[role],
      })),
      { label: "admin of another team", user: fleet.other.members.admin },
    ];
    const withoutSample: string[] = [];
    for (const procedure of paths) {
      const sample = PROCEDURE_SAMPLES[procedure];
      if (!sample) {
        withoutSample.push(procedure);
        continue;
      }
      for (const { label, user } of callers) {
        const identity = user ? { id: user.id, email: user.email } : null;
        await overHttp(user, label, procedure, await sample({ fleet, caller: identity }));
        await overHttp(
          user,
          `${label}, poisoned input`,
          procedure,
          poisoned(await sample({ fleet, caller: identity })),
        );
      }
    }

    // Error paths that see a secret in a well-formed input.
    const admin = fleet.own.members.admin;
    const duplicate = await overHttp(admin, "admin, duplicate profile", "authProfiles.createApiKey", {
      gatewayId: fleet.gatewayId,
      profileId: "anthropic:added",
      key: canaries.apiKey.value,
    });
    expect(duplicate.error?.data?.code).toBe("CONFLICT");
    await overHttp(admin, "admin, key with a space", "authProfiles.createApiKey", {
      gatewayId: fleet.gatewayId,
      profileId: "anthropic:spaced",
      key: `${canaries.apiKey.value} ${canaries.setupToken.value}`,
    });
    const broken = [
      {
        path: "openclaw.json",
        text: `{ agents: { entries: { main: { name: "${canaries.apiKey.value}" ,, } } } }`,
      },
      {
        path: "shared-auth-profiles.json",
        text: `{"version":1,"profiles":{"anthropic:x":{"type":"api_key","provider":"anthropic","key":"${canaries.setupToken.value}" "oops"}}}`,
      },
    ];
    const unknownType = [
      { path: "openclaw.json", text: "{}" },
      {
        path: "shared-auth-profiles.json",
        text: JSON.stringify({
          version: 1,
          profiles: {
            "anthropic:x": { type: "weird", provider: "anthropic", key: canaries.oauthAccess.value },
          },
        }),
      },
    ];
    for (const files of [broken, unknownType, broken.slice(1)]) {
      const queued = await overHttp(admin, "admin, malformed import", "imports.preview", {
        target: { gatewayId: fleet.gatewayId },
        upload: { files },
      });
      await runQueuedJobsNow(testDeps(db));
      const refused = await overHttp(admin, "admin, refused import", "imports.run", queued.data);
      expect((refused.data as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    // Every procedure is driven: one without a sample input fails the scan (after the others ran).
    expect(withoutSample).toEqual([]);
    // why: about 700 real HTTP calls; beside the other files of the suite on two cores this takes over 30 s.
  }, 180_000);

  it("finds no canary in responses, logs, audit rows, outbox rows or a pg_dump of the database", async () => {
    const scanner = new CanaryScanner([...Object.values(canaries), ingestCanary]);
    responses.forEach((capture, index) =>
      scanner.scan(
        `HTTP responses`,
        `${capture.label}\n${capture.text}`,
        index === rotateResponseIndex ? ["ingestToken"] : [],
      ),
    );
    const tokenResponses = responses.filter((capture) => capture.text.includes(fleet.ingestToken));
    expect(tokenResponses.map((capture) => capture.label)).toEqual([responses[rotateResponseIndex]?.label]);

    for (const line of logLines) scanner.scan("console and stdout/stderr", line);
    const json = (value: unknown) =>
      JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
    for (const row of await db.auditEvent.findMany()) scanner.scan("audit rows", json(row));
    for (const row of await db.outboxJob.findMany()) scanner.scan("outbox rows", json(row));
    const url = process.env.DATABASE_URL ?? "";
    const dump = execFileSync("pg_dump", ["--data-only", "--no-owner", url], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    scanner.scan("pg_dump --data-only", dump);

    const summary = `Leak scan: ${responses.length} responses, ${logLines.length} log writes, ${scanner.hits.length} hits\n${scanner.summary()}`;
    vi.restoreAllMocks();
    console.info(summary);

    expect(responses.length).toBeGreaterThan(Object.keys(PROCEDURE_SAMPLES).length * 10);
    expect(dump).toContain("AuthProfileSecret");
    expect(scanner.hits).toEqual([]);
  });
});
