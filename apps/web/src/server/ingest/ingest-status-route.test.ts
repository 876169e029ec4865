/**
 * The real route handler (`POST` of app/api/ingest/status/route.ts, with its real rate limiter and database client) against a
 * real Postgres database, fed the real CLI captures in fixtures/openclaw-status.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "~/server/testing/caller";
import { handleIngestStatus } from "./ingest-status-handler";

const db = useTestDb();
const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const fixturesRoot = path.join(repoRoot, "fixtures", "openclaw-status");
const fixture = (relative: string) => readFileSync(path.join(fixturesRoot, relative), "utf8");

let POST: (request: Request) => Promise<Response>;
const logged: string[] = [];

beforeAll(async () => {
  // The route builds its own client from the validated server env, as in production.
  process.env.NEXTAUTH_SECRET ??= "route-test-secret-route-test-secret-0123";
  // As `server.mjs` announces it: requests below that carry this header come from that peer.
  process.env.CLAWFLEET_PEER_ADDRESS_HEADER = "x-test-peer";
  vi.spyOn(console, "info").mockImplementation((line: string) => void logged.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
  ({ POST } = await import("~/app/api/ingest/status/route"));
});

afterAll(async () => {
  const { db: appDb } = await import("~/server/db");
  await appDb().$disconnect();
});

async function gatewayWithToken() {
  const { team, as } = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const main = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
  await db.agent.update({ where: { id: main.id }, data: { isDefault: true } });
  const work = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "work" });
  const { token } = await as("admin").ingestTokens.rotate({ gatewayId: gateway.id, expectedVersion: 1 });
  return { team, as, gateway, agents: { main, work }, token };
}

function post(
  body: string | Uint8Array | ReadableStream<Uint8Array>,
  {
    token,
    contentType = "application/json",
    query = "",
  }: { token?: string; contentType?: string | null; query?: string },
) {
  const headers = new Headers();
  if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
  if (contentType !== null) headers.set("content-type", contentType);
  return POST(
    new Request(`http://localhost/api/ingest/status${query}`, {
      method: "POST",
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
  );
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; path?: string } }).error;
}

const V9_CASES = [
  { dir: "01-anthropic-api-key", agent: "main" },
  { dir: "02-mixed-token-oauth-cooldown-disabled", agent: "main" },
  { dir: "03-agent-no-credentials", agent: "work" },
  { dir: "05-agent-own-store", agent: "work" },
  { dir: "09-token-expiring-check-2", agent: "main" },
] as const;

describe("every real capture ingests and becomes the agent's reported snapshot", () => {
  it.each([
    ...V9_CASES.map(({ dir, agent }) => ({ file: `${dir}/output/stdout.json`, agent, version: "2026.9.6" })),
    ...["01-anthropic-api-key", "02-mixed-token-oauth-cooldown-disabled"].flatMap((dir) => [
      { file: `${dir}/output-v2026.5.28-legacy-json/stdout.json`, agent: "main", version: "2026.5.28" },
      { file: `${dir}/output-v2026.3.23-legacy-json/stdout.json`, agent: "main", version: "2026.3.23" },
    ]),
  ])("$file → $agent ($version)", async ({ file, agent, version }) => {
    const { as, gateway, agents, token } = await gatewayWithToken();
    const text = fixture(file);

    const response = await post(text, { token });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { snapshotId: string; agentId: string };
    expect(created.agentId).toBe(agent);

    const agentId = agents[agent as "main" | "work"].id;
    const latest = await as("viewer").snapshots.latest({ agentId });
    expect(latest.reported?.id).toBe(created.snapshotId);
    expect(latest.reported?.body).toEqual(JSON.parse(text));
    expect(latest.reported?.view).toMatchObject({ kind: "status", version });
    // The report's write also stored what the console computes for that moment, so history can compare them.
    expect(latest.computed).toMatchObject({ source: "computed", id: expect.any(String) as string });
    const history = await as("viewer").snapshots.history({ agentId });
    expect(history.items.map((item) => item.source).sort()).toEqual(["computed", "reported"]);
    expect((await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).lastSeenAt).not.toBeNull();
  });

  it.each(V9_CASES)(
    "$dir: the text view is the CLI's own plain text, line for line",
    async ({ dir, agent }) => {
      const { as, agents, token } = await gatewayWithToken();
      expect((await post(fixture(`${dir}/output/stdout.json`), { token })).status).toBe(201);
      const latest = await as("viewer").snapshots.latest({ agentId: agents[agent].id });
      const view = latest.reported?.view;
      expect(view?.kind === "status" ? view.text : view).toBe(fixture(`${dir}/output/status-plain-text.txt`));
      expect(view?.kind === "status" ? view.check : null).toBe(
        Number(fixture(`${dir}/output/check-exit-code.txt`).trim()),
      );
    },
  );

  it.each(["06-legacy-auth-profiles-json-unmigrated", "08-invalid-config-multi-agent-no-ownership"])(
    "%s: the CLI's error envelope is stored as what the host printed",
    async (dir) => {
      const { as, agents, token } = await gatewayWithToken();
      const text = fixture(`${dir}/output/stdout.json`);
      expect((await post(text, { token })).status).toBe(201);
      const latest = await as("viewer").snapshots.latest({ agentId: agents.main.id });
      expect(latest.reported?.body).toEqual(JSON.parse(text));
      expect(latest.reported?.view).toMatchObject({ kind: "cli-error", check: 1 });
    },
  );

  it("files an envelope under ?agent= when the body cannot say which agent it is about", async () => {
    const { as, agents, token } = await gatewayWithToken();
    const text = fixture("06-legacy-auth-profiles-json-unmigrated/output/stdout.json");
    expect((await post(text, { token, query: "?agent=work" })).status).toBe(201);
    expect((await as("viewer").snapshots.latest({ agentId: agents.work.id })).reported).not.toBeNull();
    expect((await as("viewer").snapshots.latest({ agentId: agents.main.id })).reported).toBeNull();
  });
});

describe("refusals", () => {
  const valid = () => fixture("02-mixed-token-oauth-cooldown-disabled/output/stdout.json");

  it.each([
    { name: "not JSON", body: "configPath: x", status: 400, code: "invalid_json", path: undefined },
    { name: "a JSON array", body: "[]", status: 422, code: "invalid_report", path: "(root)" },
    {
      name: "a status without auth",
      body: JSON.stringify({ ...JSON.parse(valid()), auth: undefined }),
      status: 422,
      code: "invalid_report",
      path: "auth",
    },
    {
      name: "an unknown key from a build we do not support",
      body: JSON.stringify({ ...JSON.parse(valid()), futureField: 1 }),
      status: 422,
      code: "invalid_report",
      path: "futureField",
    },
    {
      name: "a wrong type deep inside, carrying a secret-looking value",
      body: valid().replace('"configPath": "', '"configPath": 1, "x": "'),
      status: 422,
      code: "invalid_report",
      path: "configPath",
    },
    {
      name: "an agent the gateway does not have",
      body: JSON.stringify({ ...JSON.parse(valid()), agentId: "nosuch" }),
      status: 404,
      code: "unknown_agent",
      path: undefined,
    },
  ])("$name → $status $code", async ({ body, status, code, path: fieldPath }) => {
    const { team, token } = await gatewayWithToken();
    const response = await post(body, { token });
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code, ...(fieldPath ? { path: fieldPath } : {}) });
    if (fieldPath) expect(error.message).toContain(fieldPath);
    expect(error.message).not.toContain("sk-");
    expect(await db.statusSnapshot.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("says which version shapes it accepts and never quotes the rejected value", async () => {
    const { token } = await gatewayWithToken();
    const body = valid().replace('"status": "static"', '"status": "sk-ant-api03-LEAKED-VALUE"');
    const error = await errorOf(await post(body, { token }));
    expect(error.message).toBe(
      "Not an `openclaw models status --json` report of a supported version (2026.9.6, 2026.5.28, 2026.3.23): auth.oauth.profiles.0.status is not one of the values OpenClaw prints.",
    );
  });

  it("refuses non-JSON content types with 415", async () => {
    const { token } = await gatewayWithToken();
    for (const contentType of ["application/x-www-form-urlencoded", "text/plain", null]) {
      const response = await post(valid(), { token, contentType });
      expect(response.status).toBe(415);
      expect((await errorOf(response)).code).toBe("unsupported_media_type");
    }
    expect((await post(valid(), { token, contentType: "application/json; charset=utf-8" })).status).toBe(201);
  });

  it("refuses bodies over 256 KiB with 413, whether declared or streamed", async () => {
    const { team, token } = await gatewayWithToken();
    const big = `{"pad":"${"x".repeat(256 * 1024)}"}`;
    const declared = await post(big, { token });
    expect([declared.status, (await errorOf(declared)).code]).toEqual([413, "payload_too_large"]);
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post(stream, { token });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(10);
    expect(await db.statusSnapshot.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("answers 401 with one message for a missing, unknown, malformed or revoked token; revocation is immediate", async () => {
    const { as, gateway, token } = await gatewayWithToken();
    expect((await post(valid(), { token })).status).toBe(201);
    const [missing, unknown, malformed] = await Promise.all([
      post(valid(), {}),
      post(valid(), { token: `cfi_${"A".repeat(43)}` }),
      post(valid(), { token: "not-a-token" }),
    ]);
    await as("admin").ingestTokens.revoke({ gatewayId: gateway.id, expectedVersion: 2 });
    const revoked = await post(valid(), { token });
    const refusals = [missing, unknown, malformed, revoked];
    expect(refusals.map((response) => response.status)).toEqual([401, 401, 401, 401]);
    expect(refusals.every((response) => response.headers.get("www-authenticate")?.startsWith("Bearer"))).toBe(
      true,
    );
    const messages = new Set(
      await Promise.all(refusals.map(async (response) => (await errorOf(response)).message)),
    );
    expect(messages.size).toBe(1);
  });

  it("a rotated token replaces the old one on the very next request", async () => {
    const { as, gateway, token } = await gatewayWithToken();
    const { token: next } = await as("admin").ingestTokens.rotate({
      gatewayId: gateway.id,
      expectedVersion: 2,
    });
    expect((await post(valid(), { token })).status).toBe(401);
    expect((await post(valid(), { token: next })).status).toBe(201);
  });

  it("rate-limits each token to 120 reports a minute with 429 and Retry-After, other tokens unaffected", async () => {
    const { token } = await gatewayWithToken();
    const other = await gatewayWithToken();
    // 415s are cheap (no storage) but still count: the limit applies before the body is read.
    for (let index = 0; index < 120; index++) {
      expect((await post("{}", { token, contentType: "text/plain" })).status).toBe(415);
    }
    const limited = await post(valid(), { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await errorOf(limited)).code).toBe("rate_limited");
    expect((await post(valid(), { token: other.token })).status).toBe(201);

    // Another web instance (its own handler, nothing in memory shared) counts the same budget: it lives in Postgres.
    const elsewhere = await handleIngestStatus(
      new Request("http://localhost/api/ingest/status", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: valid(),
      }),
      { db, now: () => new Date(), clientAddressOf: () => "203.0.113.9", log: () => undefined },
    );
    expect(elsewhere.status).toBe(429);
  });
});

describe("a report carrying a raw credential", () => {
  it("is stored with the credential redacted and every field kept", async () => {
    const { as, agents, token } = await gatewayWithToken();
    const report = JSON.parse(fixture("01-anthropic-api-key/output/stdout.json")) as {
      auth: { providers: { profiles: { labels: string[] } }[] };
    };
    const raw = `sk-ant-api03-CANARYrawInReport${"z".repeat(60)}`;
    report.auth.providers[0]?.profiles.labels.push(`anthropic:pasted=${raw}`);
    expect((await post(JSON.stringify(report), { token })).status).toBe(201);

    const latest = await as("viewer").snapshots.latest({ agentId: agents.main.id });
    expect(JSON.stringify(latest.reported?.body)).not.toContain("CANARYrawInReport");
    expect(JSON.stringify(latest.reported?.body)).toContain(
      "anthropic:pasted=[redacted anthropic credential]",
    );
  });

  it("is stored with a credential used as an object key redacted too (finding 11)", async () => {
    const { as, agents, token } = await gatewayWithToken();
    const report = JSON.parse(fixture("01-anthropic-api-key/output/stdout.json")) as {
      aliases: Record<string, string>;
    };
    const raw = `sk-ant-api03-CANARYkeyInAliases${"q".repeat(60)}`;
    report.aliases = { ...report.aliases, [raw]: "anthropic/claude-opus-4-8", other: raw };
    expect((await post(JSON.stringify(report), { token })).status).toBe(201);

    const latest = await as("viewer").snapshots.latest({ agentId: agents.main.id });
    const stored = JSON.stringify(latest.reported?.body);
    expect(stored).not.toContain("CANARYkeyInAliases");
    expect(latest.reported?.body).toMatchObject({
      aliases: { "[redacted anthropic credential]": "anthropic/claude-opus-4-8" },
    });
  });
});

describe("JSON that JSON.parse accepts but the console must not store (finding 12)", () => {
  const valid = () => fixture("02-mixed-token-oauth-cooldown-disabled/output/stdout.json");
  it.each([
    {
      name: "nested 100,000 levels deep",
      body: `{"aliases": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      message: /nested more than 100 levels deep/u,
      path: "aliases[0][0]",
    },
    {
      name: "a lone surrogate",
      body: valid().replace('"configPath": "', '"configPath": "\\ud800'),
      message: /lone UTF-16 surrogate/u,
      path: "configPath",
    },
    {
      name: "a duplicate key",
      body: valid().replace('"configPath": "', '"configPath": "x", "configPath": "'),
      message: /^Duplicate key "configPath"/u,
      path: "configPath",
    },
  ])("refuses $name with 400 and a message naming it, storing nothing", async ({ body, message, path }) => {
    const { team, token } = await gatewayWithToken();
    const response = await post(body, { token });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_json");
    expect(error.message).toMatch(message);
    expect(error.path?.startsWith(path)).toBe(true);
    expect(await db.statusSnapshot.count({ where: { teamId: team.id } })).toBe(0);
  });
});

describe("a report carrying a hostile profile or provider id (finding 6)", () => {
  it.each(["anthropic:$(curl x)", "anthropic:`id`", "anthropic:a;id", "anthropic:o'brien", "anthropic:a\nb"])(
    "refuses %j with 422 and stores nothing",
    async (profileId) => {
      const { team, token } = await gatewayWithToken();
      const report = JSON.parse(fixture("02-mixed-token-oauth-cooldown-disabled/output/stdout.json")) as {
        auth: { unusableProfiles: { profileId: string }[] };
      };
      const first = report.auth.unusableProfiles[0];
      if (!first) throw new Error("fixture 02 lists unusable profiles");
      first.profileId = profileId;
      const response = await post(JSON.stringify(report), { token });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.message).toContain("auth.unusableProfiles.0.profileId");
      expect(error.message).toContain("is not an OpenClaw provider or profile id");
      expect(await db.statusSnapshot.count({ where: { teamId: team.id } })).toBe(0);
    },
  );
});

describe("the token stays secret", () => {
  it("appears only in the rotate response: not in ingest responses, audit rows, logs or the gateway row", async () => {
    logged.length = 0;
    const { as, team, gateway, token } = await gatewayWithToken();
    const responses = [
      await post(fixture("02-mixed-token-oauth-cooldown-disabled/output/stdout.json"), { token }),
      await post("[]", { token }),
      await post("{}", { token, contentType: "text/plain" }),
    ];
    const texts = await Promise.all(responses.map((response) => response.text()));
    const audit = await as("admin").audit.list({ limit: 10 });
    const state = await as("viewer").ingestTokens.forGateway({ gatewayId: gateway.id });
    const row = await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    const auditRows = await db.auditEvent.findMany({ where: { teamId: team.id } });

    for (const text of [...texts, JSON.stringify(audit), JSON.stringify(state), JSON.stringify(row)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(4, 20));
    }
    expect(
      JSON.stringify(auditRows, (_key, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      ),
    ).not.toContain(token);
    expect(auditRows.map((event) => event.action)).toContain("gateway.ingest_token.rotate");
    expect(state.hint).toBe(token.slice(-4));

    // One line per request: path, status, gateway and request id; no token, no body, no labels.
    const ingestLines = logged.filter((line) => line.includes("/api/ingest/status"));
    expect(ingestLines).toHaveLength(3);
    expect(ingestLines[0]).toMatch(
      new RegExp(`^\\[clawfleet\\] POST /api/ingest/status 201 gateway=${gateway.id} request=[0-9a-f-]{36}$`),
    );
    const allLogs = logged.join("\n");
    expect(allLogs).not.toContain(token);
    expect(allLogs).not.toContain("sk-ant-a");
    expect(allLogs).not.toContain("work@example.com");
  });
});

describe("bad tokens are limited per client address (finding 17)", () => {
  const valid = () => fixture("02-mixed-token-oauth-cooldown-disabled/output/stdout.json");
  const fromPeer = (peer: string, token: string, extra: Record<string, string> = {}) =>
    POST(
      new Request("http://localhost/api/ingest/status", {
        method: "POST",
        headers: {
          "x-test-peer": peer,
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...extra,
        },
        body: valid(),
      }),
    );

  it("answers 1,870 bad tokens in a burst with 429 and Retry-After after the allowance, not 1,870 × 401", async () => {
    const attacker = "203.0.113.66";
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let wave = 0; wave < 1_870 / 85; wave += 1) {
      const responses = await Promise.all(
        Array.from({ length: 85 }, () =>
          fromPeer(attacker, `cfi_${crypto.randomUUID().replaceAll("-", "")}xxxxxxxxxxx`),
        ),
      );
      for (const response of responses) {
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get("retry-after");
      }
    }
    expect(statuses).toHaveLength(1_870);
    const unauthorized = statuses.filter((status) => status === 401).length;
    // The first wave races past the peek; after it, every attempt is refused before any token lookup.
    expect(unauthorized).toBeLessThanOrEqual(85);
    expect(statuses.filter((status) => status === 429).length).toBe(1_870 - unauthorized);
    expect(retryAfter).toMatch(/^\d+$/u);
  });

  it("keeps the bucket of the real peer whatever X-Forwarded-For a client sends, and spares other addresses", async () => {
    const attacker = "203.0.113.77";
    for (let index = 0; index < 20; index += 1) {
      expect((await fromPeer(attacker, `cfi_${"B".repeat(43)}`)).status).toBe(401);
    }
    const spoofed = await fromPeer(attacker, `cfi_${"B".repeat(43)}`, { "x-forwarded-for": "198.51.100.1" });
    expect(spoofed.status).toBe(429);
    const { token } = await gatewayWithToken();
    expect((await fromPeer("203.0.113.78", token)).status).toBe(201);
  });
});
