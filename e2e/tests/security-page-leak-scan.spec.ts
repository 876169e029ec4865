import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type Page, expect, test } from "@playwright/test";
import pg from "pg";
import { type Canary, CanaryScanner, canaryOf, makeProviderCanaries } from "@clawfleet/db/testing/canaries";
import { signInAs } from "../pages/agents.page";
import { confirmIngestToken } from "../pages/agent-status.page";
import { GatewaysPage } from "../pages/gateways.page";

// why: earlier specs' failed sign-ins from this same address can leave a throttle wait running; this scan signs in
// as every role and is about leaks, not throttling (sign-in-throttling.spec.ts covers that).
test.beforeEach(async () => {
  const { DATABASE_URL } = JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", ".server", "server-env.json"), "utf8"),
  ) as { DATABASE_URL: string };
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM "ThrottleBucket" WHERE key LIKE 'sign-in-%'`);
  } finally {
    await client.end();
  }
});

/**
 * Security checklist B2: canaries of every kind are seeded through the running console as an admin
 * (an API-key profile through tRPC, an ingest token rotated on the Gateways page, a state folder with a
 * setup-token and OAuth access/refresh values through the Import page). Then every console page is
 * visited as admin, operator and viewer, and every response body (HTML, RSC payloads, JSON), every
 * response header (redirect Locations included) and every href/src in the DOM is scanned for the canaries
 * and their derivatives (prefix-stripped, 12-character windows, base64/base64url/URL-encoded).
 */

type Role = "admin" | "operator" | "viewer";
const ROLES: readonly Role[] = ["admin", "operator", "viewer"];
const CONSOLE_PAGES = [
  "/",
  "/agents",
  "/credentials",
  "/auth-matrix",
  "/reauth",
  "/gateways",
  "/members",
  "/audit",
  "/import",
];
const AGENT_TABS = ["overview", "model", "profiles", "status"];
const IMPORTED_GATEWAY = "canary-import";

const LIVE_EVENTS_PATH = "/api/events";

/** Records every response of a page (body and headers) and waits for its requests to settle. */
class ResponseRecorder {
  private readonly pending = new Set<Promise<void>>();
  private inFlight = 0;
  readonly captured: { url: string; method: string; headers: string; body: string }[] = [];

  constructor(page: Page) {
    // why: the live-updates stream stays open as long as the page does; it is never "settled", and its body,
    // read to the end, would never end. Its headers are still scanned below; its events carry only ids.
    const isLiveStream = (url: string) => new URL(url).pathname === LIVE_EVENTS_PATH;
    page.on("request", (request) => {
      if (!isLiveStream(request.url())) this.inFlight += 1;
    });
    page.on("requestfinished", (request) => {
      if (!isLiveStream(request.url())) this.inFlight -= 1;
    });
    page.on("requestfailed", (request) => {
      if (!isLiveStream(request.url())) this.inFlight -= 1;
    });
    page.on("response", (response) => {
      const capture = (async () => {
        let headers: string;
        try {
          headers = JSON.stringify(await response.allHeaders());
        } catch {
          // why: a response that lands after the test's last settle (a prefetch, a live update) can no longer
          // be read once the test ends; everything the test waited for was read before that.
          return;
        }
        let body = "";
        try {
          // why: redirects have no body; their Location is in the headers, which are scanned too.
          // Built JS/CSS chunks predate the canaries, so only their URL and headers are scanned.
          const isBuiltAsset = new URL(response.url()).pathname.startsWith("/_next/static/");
          if (
            !isBuiltAsset &&
            !isLiveStream(response.url()) &&
            (response.status() < 300 || response.status() >= 400)
          )
            body = await response.text();
        } catch {
          // The page navigated away before the body could be read.
        }
        this.captured.push({ url: response.url(), method: response.request().method(), headers, body });
      })();
      this.pending.add(capture);
      void capture.finally(() => this.pending.delete(capture));
    });
  }

  /** Waits until no request has been in flight for 300 ms and every captured body was read. */
  async settle(page: Page) {
    await page.waitForLoadState("load");
    let quietSince = Date.now();
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.inFlight > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 300) break;
      await page.waitForTimeout(50);
    }
    await Promise.all([...this.pending]);
  }

  drain() {
    return this.captured.splice(0);
  }
}

async function trpcGet<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(`/api/trpc/${path}${query}`);
  expect(response.status(), path).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** An OpenClaw state folder whose shared store has a setup-token and whose agent `work` has OAuth. */
function writeCanaryStateFolder(canaries: ReturnType<typeof makeProviderCanaries>): string {
  const folder = mkdtempSync(join(tmpdir(), "clawfleet-canary-import-"));
  const profiles = (entries: Record<string, unknown>) => JSON.stringify({ version: 1, profiles: entries });
  mkdirSync(join(folder, "state", "agents", "work"), { recursive: true });
  writeFileSync(
    join(folder, "state", "openclaw.json"),
    JSON.stringify({
      agents: {
        ownership: "explicit",
        defaults: { model: { primary: "anthropic/claude-opus-4-8" } },
        entries: { main: { name: "Canary main" }, work: { name: "Canary work" } },
      },
      auth: {
        profiles: {
          "anthropic:sub": { provider: "anthropic", mode: "token" },
          "anthropic:oauth": { provider: "anthropic", mode: "oauth" },
        },
      },
    }),
  );
  writeFileSync(
    join(folder, "state", "shared-auth-profiles.json"),
    profiles({
      "anthropic:sub": { type: "token", provider: "anthropic", token: canaries.setupToken.value },
    }),
  );
  writeFileSync(
    join(folder, "state", "agents", "work", "auth-profiles.json"),
    profiles({
      "anthropic:oauth": {
        type: "oauth",
        provider: "anthropic",
        access: canaries.oauthAccess.value,
        refresh: canaries.oauthRefresh.value,
        expires: 4_102_444_800_000,
        email: "canary@example.com",
      },
    }),
  );
  return folder;
}

/** Seeds every canary kind through the console as the admin; returns them all, the ingest token last. */
async function seedCanaries(page: Page, recorder: ResponseRecorder) {
  const providers = makeProviderCanaries();
  const origin = new URL(page.url()).origin;
  const gateways = await trpcGet<{ id: string; name: string }[]>(page, "gateways.list");
  const prodEu = gateways.find((gateway) => gateway.name === "prod-eu");
  if (!prodEu) throw new Error("the demo gateway prod-eu is missing");

  const created = await page.request.post("/api/trpc/authProfiles.createApiKey", {
    headers: { origin, "content-type": "application/json" },
    data: JSON.stringify({
      json: { gatewayId: prodEu.id, profileId: "anthropic:canary", key: providers.apiKey.value },
    }),
  });
  const createdBody = await created.text();
  expect(created.status(), createdBody).toBe(200);

  const folder = writeCanaryStateFolder(providers);
  try {
    await page.goto("/import");
    await page.getByLabel("Gateway name").fill(IMPORTED_GATEWAY);
    await page.getByLabel("State folder").setInputFiles(join(folder, "state"));
    await page.getByRole("button", { name: "3. Preview changes" }).click();
    await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
    await page.getByRole("button", { name: "4. Import now" }).click();
    await expect(page.getByText(/Imported: 2 agents created/)).toBeVisible({ timeout: 30_000 });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const gatewaysPage = new GatewaysPage(page);
  await gatewaysPage.open();
  const card = gatewaysPage.card("prod-eu");
  const rotated = page.waitForResponse((response) => response.url().includes("ingestTokens.rotate"));
  await confirmIngestToken(card);
  const rotateResponse = await rotated;
  const tokenField = card.getByLabel("New ingest token");
  await expect(tokenField).toHaveValue(/^cfi_/);
  const ingestToken = canaryOf("ingestToken", await tokenField.inputValue(), "cfi_");
  await recorder.settle(page);

  // The token is shown once: after a reload neither the page nor anything it fetched carries it.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Gateways", level: 1 })).toBeVisible();
  await recorder.settle(page);
  const withToken = new CanaryScanner([ingestToken]);
  withToken.scan("gateways page after reload", await page.content());
  expect(withToken.hits).toEqual([]);

  const seeding = [
    { url: created.url(), method: "POST", headers: JSON.stringify(created.headers()), body: createdBody },
    ...recorder.drain(),
  ];
  return {
    canaries: [...Object.values(providers), ingestToken] as Canary[],
    prodEuId: prodEu.id,
    seeding,
    rotateUrl: rotateResponse.url(),
  };
}

/** Visits every console page and agent tab as `role`, scanning responses, headers and DOM links. */
async function scanAsRole(browser: Browser, role: Role, scanner: CanaryScanner, agentIds: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const recorder = new ResponseRecorder(page);
  await signInAs(page, role);
  const targets = [
    ...CONSOLE_PAGES,
    ...agentIds.flatMap((agentId) => AGENT_TABS.map((tab) => `/agents/${agentId}?tab=${tab}`)),
  ];
  for (const target of targets) {
    await page.goto(target);
    await recorder.settle(page);
    const links = await page
      .locator("[href], [src]")
      .evaluateAll((nodes) =>
        nodes.map((node) => `${node.getAttribute("href") ?? ""} ${node.getAttribute("src") ?? ""}`),
      );
    scanner.scan(`${role} DOM links`, links.join("\n"));
    scanner.scan(`${role} DOM`, await page.content());
  }
  const captured = recorder.drain();
  for (const entry of captured)
    scanner.scan(`${role} responses`, `${entry.url}\n${entry.headers}\n${entry.body}`);
  await context.close();
  return { pages: targets.length, responses: captured.length };
}

test("no canary or derivative appears in any page, payload, header or link, as any role", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const recorder = new ResponseRecorder(page);
  await signInAs(page, "admin");
  const { canaries, prodEuId, seeding, rotateUrl } = await seedCanaries(page, recorder);
  const scanner = new CanaryScanner(canaries);
  // What seeding produced is scanned too, except exactly the rotate answer (it must carry the token).
  const rotateAnswers = seeding.filter((entry) => entry.url === rotateUrl && entry.method === "POST");
  expect(rotateAnswers).toHaveLength(1);
  // The scanner finds a canary where one is: the rotate answer carries the ingest token.
  const proof = new CanaryScanner(canaries);
  proof.scan("rotate answer", rotateAnswers[0]?.body ?? "");
  expect(proof.hits.map((hit) => hit.kind)).toContain("ingestToken");
  for (const entry of seeding)
    scanner.scan(
      "admin seeding responses",
      `${entry.url}\n${entry.headers}\n${entry.body}`,
      rotateAnswers.includes(entry) ? ["ingestToken"] : [],
    );

  const imported = await trpcGet<{ items: { id: string; agentKey: string }[] }>(page, "agents.list", {
    search: "Canary work",
  });
  const prodEuAgents = await trpcGet<{ items: { id: string }[] }>(page, "agents.list", {
    gatewayId: prodEuId,
    pageSize: 1,
  });
  const agentIds = [imported.items[0]?.id, prodEuAgents.items[0]?.id].filter(
    (id): id is string => id !== undefined,
  );
  expect(agentIds).toHaveLength(2);

  // The three roles browse side by side, each in its own browser context with its own session.
  const visited = await Promise.all(
    ROLES.map(async (role) => {
      const { pages, responses } = await scanAsRole(browser, role, scanner, agentIds);
      return `${role}: ${pages} pages, ${responses} responses`;
    }),
  );
  console.log(`${visited.join("\n")}\n${scanner.summary()}`);
  expect(scanner.hits).toEqual([]);
});
