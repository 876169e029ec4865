import { type Browser, type Locator, type Page, expect, test } from "@playwright/test";
import { connectGateway } from "@clawfleet/openclaw-gateway/gateway-client";
import { AgentsPage, signInAs } from "../../pages/agents.page";
import { GatewaysPage } from "../../pages/gateways.page";
import { ReauthPage } from "../../pages/reauth.page";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../../pages/sign-in.page";
import { trpcMutation, trpcQuery } from "../console-api";
import { HOST_PROFILES } from "../connector-stack";
import {
  type HostAgentProcess,
  enrolHostAgent,
  gatewayCall,
  realModelsStatus,
  restartGatewayProcess,
  runOpenClaw,
  startHostAgent,
  stopGatewayProcess,
  stopRestartedGateway,
} from "../host-side";
import { readStack } from "../stack-handle";

// One journey, in order: the cases share the Gateway, the console and the enrolled host agent.
test.describe.configure({ mode: "serial" });

const GATEWAY = "real-host";
let hostAgent: HostAgentProcess | null = null;

test.afterAll(async () => {
  await hostAgent?.kill();
  await stopRestartedGateway();
});

type OAuthProfile = { profileId: string; type: string; status: string; expiresAt?: number };
type ModelsStatus = {
  defaultModel?: string;
  auth: {
    oauth: { profiles: OAuthProfile[] };
    providers: { provider: string; profiles: { labels: string[] } }[];
  };
};

/** The verdict of the real `openclaw models status --check --agent <id>`: exit 0 ok, 1 failing, 2 expiring. */
async function hostCheckVerdict(agentKey: string): Promise<"ok" | "failing" | "expiring"> {
  const { code } = await runOpenClaw(["models", "status", "--check", "--agent", agentKey]);
  const verdicts = { 0: "ok", 1: "failing", 2: "expiring" } as const;
  if (code !== 0 && code !== 1 && code !== 2) throw new Error(`models status --check exited ${code}`);
  return verdicts[code];
}

async function hostStatus(agentKey: string): Promise<ModelsStatus> {
  return (await realModelsStatus(agentKey)) as unknown as ModelsStatus;
}

/** Re-reads the page until `check` passes: the console learns the host's state from the agent's reports. */
async function untilPageShows(page: Page, check: () => Promise<void>, timeoutMs = 120_000) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: timeoutMs, intervals: [1_000, 2_000, 3_000] });
}

test("both console instances serve the same fleet, and the real Gateway answers on loopback", async ({
  page,
}) => {
  const stack = readStack();
  const [first, second] = stack.consoles;
  await page.goto(`${first}/login`);
  await new SignInPage(page).signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  // why: the instances share nothing but the database and the session secret, as behind a load balancer.
  await page.goto(`${second}/gateways`);
  await expect(page.getByRole("heading", { name: "Gateways" })).toBeVisible();
  const connection = await connectGateway({ url: stack.gateway.url, token: stack.gateway.token });
  expect(connection.hello.scopes).toContain("operator.admin");
  await connection.close();
});

test("the suite's network namespace, which the Gateway shares, has no route out", async () => {
  const { networkInterfaces } = await import("node:os");
  const { connect } = await import("node:net");
  const { lookup } = await import("node:dns/promises");
  expect(Object.keys(networkInterfaces())).toEqual(["lo"]);
  const outbound = await new Promise<string>((resolve) => {
    const socket = connect({ host: "1.1.1.1", port: 443, timeout: 5_000 });
    socket.once("connect", () => resolve("connected"));
    socket.once("timeout", () => resolve("timeout"));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  expect(outbound).toBe("ENETUNREACH");
  await expect(lookup("registry.npmjs.org")).rejects.toThrow();
});

test("an admin enrols the host agent from the Gateways page; it dials the second console instance", async ({
  page,
}) => {
  const stack = readStack();
  await signInAs(page, "admin");
  const gateways = new GatewaysPage(page);
  await gateways.open();
  const card = gateways.card(GATEWAY);
  await expect(card.getByTestId("host-agent-state")).toHaveText("Not connected");
  await expect(card).toContainText("Changes made here are not applied on the host");

  await card.getByRole("button", { name: "Connect a host agent" }).click();
  const command = await card.getByRole("textbox", { name: "Enrolment command" }).inputValue();
  const token = /cfe_[A-Za-z0-9_-]{43}/u.exec(command)?.[0] ?? "";
  expect(token).not.toBe("");

  const enrolled = await enrolHostAgent(stack.consoles[1], token);
  expect(enrolled.code, enrolled.stderr).toBe(0);
  expect(`${enrolled.stdout}${enrolled.stderr}`).not.toMatch(/cfa_/u);
  const reused = await enrolHostAgent(stack.consoles[0], token);
  expect(reused.code).not.toBe(0);
  expect(reused.stderr).toMatch(/already used/u);

  hostAgent = startHostAgent();
  await untilPageShows(page, async () => {
    await expect(card.getByTestId("host-agent-state")).toHaveText("Connected");
  });
  await expect(card).toContainText(`OpenClaw ${stack.gateway.version}`);
  await expect(card).not.toContainText("Changes made here are not applied on the host");
});

/**
 * A re-auth of one of the host's profiles through the console, as two people do it: an operator requests it from
 * agent main's Auth profiles tab, an admin opens the hand-off link and pastes the credential (`fill` completes the
 * form); then the operator waits on the Re-auth page until the host's real report verifies it.
 */
async function reauthThroughHandOff(
  browser: Browser,
  { profileId, method, fill }: { profileId: string; method: string; fill: (admin: Page) => Promise<void> },
): Promise<{ operator: Page; request: Locator; close: () => Promise<void> }> {
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signInAs(operator, "operator");
  const agents = new AgentsPage(operator);
  await agents.open(GATEWAY, "main", "main");
  await agents.openTab("Auth profiles");
  const reauth = new ReauthPage(operator);
  const form = await reauth.startFromProfileRow(profileId);
  await expect(form.getByLabel(method)).toBeChecked();
  const linkPath = await reauth.create(form);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin");
  await admin.goto(linkPath);
  await fill(admin);
  await expect(admin.getByRole("heading", { name: "Credential applied" })).toBeVisible();

  await reauth.openTracking();
  const request = reauth.request(profileId);
  await untilPageShows(operator, async () => {
    await expect(request.getByTestId("reauth-state")).toHaveText("Verified");
  });
  return {
    operator,
    request,
    close: async () => {
      await operatorContext.close();
      await adminContext.close();
    },
  };
}

test("a setup-token re-auth is pushed to the host and then verified from the host's real report", async ({
  browser,
}) => {
  const token = `sk-ant-oat01-CONNECTOR${Date.now().toString(36)}${"t".repeat(80)}`;
  const { operator, request, close } = await reauthThroughHandOff(browser, {
    profileId: HOST_PROFILES.setupToken,
    method: "Claude setup-token",
    fill: async (admin) => {
      await admin.getByLabel("Expires in (days, optional)").fill("30");
      await new ReauthPage(admin).paste(token);
    },
  });
  const timeline = request.getByRole("list", { name: "Timeline" });
  for (const step of ["Applied", "Pushed to host", "Verified"]) await expect(timeline).toContainText(step);
  expect(await operator.content()).not.toContain(token.slice(13));

  // The fleet counts the agent with the verdict the host's real `--check` gives (its report is newer than the
  // console's last change): the fleet home's count links to this list.
  const verdict = await hostCheckVerdict("main");
  await operator.goto(`/agents?status=${verdict}&gateway=${readStack().gatewayId}`);
  await expect(operator.getByRole("link", { name: "main", exact: true })).toBeVisible();

  const status = await hostStatus("main");
  const pushed = status.auth.oauth.profiles.find((profile) => profile.profileId === HOST_PROFILES.setupToken);
  expect(pushed).toMatchObject({ type: "token", status: "ok" });
  const days = ((pushed?.expiresAt ?? 0) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThanOrEqual(30);
  await close();
});

type AgentsList = { agents: { id: string; model?: { primary?: string } }[] };
type ConfigSnapshot = { parsed: Record<string, unknown>; hash: string };

async function hostAgentIds(): Promise<string[]> {
  return ((await gatewayCall("agents.list")) as AgentsList).agents.map((agent) => agent.id);
}

async function hostConfig(): Promise<Record<string, unknown>> {
  return ((await gatewayCall("config.get")) as ConfigSnapshot).parsed;
}

async function consoleGatewayAgents(
  page: Page,
): Promise<{ id: string; agentKey: string; version: number }[]> {
  const stack = readStack();
  const listed = (await trpcQuery(page, stack.consoles[0], "agents.list", {
    gatewayId: stack.gatewayId,
    page: 1,
    pageSize: 50,
  })) as { items: { id: string; agentKey: string; version: number }[] };
  return listed.items;
}

test("an API key re-auth is pushed into the host's shared store under the console's profile id", async ({
  browser,
}) => {
  const key = `sk-ant-api03-CONNECTOR${Date.now().toString(36)}${"k".repeat(80)}`;
  const { request, close } = await reauthThroughHandOff(browser, {
    profileId: HOST_PROFILES.apiKey,
    method: "Anthropic API key",
    fill: async (admin) => {
      await admin.getByLabel("API key", { exact: true }).fill(key);
      await admin.getByRole("button", { name: "Apply credential" }).click();
    },
  });
  await expect(request.getByRole("table", { name: "Pushes to the host" })).toContainText(
    `Stored ${HOST_PROFILES.apiKey} (api_key) in the shared store`,
  );

  const labels = (await hostStatus("main")).auth.providers
    .filter((provider) => provider.provider === "anthropic")
    .flatMap((provider) => provider.profiles.labels);
  expect(labels).toContainEqual(
    expect.stringMatching(new RegExp(`^${HOST_PROFILES.apiKey}=sk-ant-a\\.\\.\\.`, "u")),
  );
  expect(labels.join(" ")).not.toContain(key.slice(13, 40));
  await close();
});

test("agents created and deleted in the console are created and deleted on the host", async ({ page }) => {
  const stack = readStack();
  await signInAs(page, "admin");
  await trpcMutation(page, stack.consoles[0], "agents.create", {
    gatewayId: stack.gatewayId,
    agentKey: "ops",
    name: "Ops",
    workspace: "",
    model: "",
  });
  await expect.poll(hostAgentIds, { timeout: 60_000 }).toContain("ops");

  const gateways = new GatewaysPage(page);
  await gateways.open();
  const jobs = gateways.card(GATEWAY).getByRole("table", { name: "Host jobs" });
  await expect(jobs.getByRole("row").filter({ hasText: "Create agent" }).first()).toContainText(
    "Applied on host",
  );

  const ops = (await consoleGatewayAgents(page)).find((agent) => agent.agentKey === "ops");
  expect(ops).toBeDefined();
  await trpcMutation(page, stack.consoles[0], "agents.delete", {
    agentId: ops?.id,
    expectedVersion: ops?.version,
  });
  await expect.poll(hostAgentIds, { timeout: 60_000 }).not.toContain("ops");
});

test("a cacheRetention edit and a gateway-default model change land in openclaw.json and in the host's report", async ({
  page,
}) => {
  const stack = readStack();
  await signInAs(page, "operator");
  const agents = new AgentsPage(page);
  await agents.open(GATEWAY, "main", "main");
  await agents.openTab("Model & params");
  await page.getByLabel(/Strict primary/).check();
  await page.getByLabel("Primary model", { exact: true }).fill("anthropic/claude-opus-4-6");
  await page.getByRole("button", { name: "Save model", exact: true }).click();
  await expect(page.getByText("Model saved.")).toBeVisible();
  const opus = page.getByRole("region", { name: "Params of anthropic/claude-opus-4-6" });
  await opus.getByLabel("cacheRetention for anthropic/claude-opus-4-6").selectOption("long");
  await opus.getByRole("button", { name: "Save model params" }).click();
  await expect(opus.getByText("Params saved.")).toBeVisible();
  // The agent's page follows each edit to the host: queued, sent, then applied with what OpenClaw changed.
  const sent = page.getByRole("table", { name: "Changes of this agent sent to its host" });
  await expect(sent.getByTestId("host-job-state").first()).toHaveText("Applied on host", { timeout: 60_000 });
  await expect(sent.getByRole("row").nth(1)).toContainText("agents.entries.main");

  const defaults = (await trpcQuery(page, stack.consoles[0], "gateways.defaults", {
    gatewayId: stack.gatewayId,
  })) as { version: number };
  await trpcMutation(page, stack.consoles[0], "gateways.updateDefaults", {
    gatewayId: stack.gatewayId,
    expectedVersion: defaults.version,
    edit: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] }, params: {} },
  });

  await expect
    .poll(
      async () => {
        const config = (await hostConfig()) as {
          agents?: {
            defaults?: { model?: { primary?: string } };
            entries?: { main?: { model?: unknown; models?: Record<string, { params?: unknown }> } };
          };
        };
        return {
          defaultPrimary: config.agents?.defaults?.model?.primary,
          mainModel: config.agents?.entries?.main?.model,
          mainParams: config.agents?.entries?.main?.models?.["anthropic/claude-opus-4-6"]?.params,
        };
      },
      { timeout: 90_000 },
    )
    .toEqual({
      defaultPrimary: "anthropic/claude-sonnet-4-6",
      mainModel: "anthropic/claude-opus-4-6",
      mainParams: { cacheRetention: "long" },
    });

  // The host reports the real status after each change; the console shows that report.
  await agents.openTab("Status");
  const reported = page.getByRole("region", { name: "Reported by the host" });
  await untilPageShows(page, async () => {
    await agents.openTab("Status");
    await expect(reported).toContainText("anthropic/claude-opus-4-6");
  });
  expect((await hostStatus("main")).defaultModel).toBe("anthropic/claude-opus-4-6");
});

async function untilLogged(agent: HostAgentProcess, event: string, fields: Record<string, unknown>) {
  await expect
    .poll(
      () =>
        agent
          .lines()
          .some(
            (line) =>
              line.event === event && Object.entries(fields).every(([key, value]) => line[key] === value),
          ),
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(true);
}

test("a change queued while the Gateway is down waits as pending and applies once the Gateway is back", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const stack = readStack();
  await stopGatewayProcess();
  await signInAs(page, "operator");
  const main = (await consoleGatewayAgents(page)).find((agent) => agent.agentKey === "main");
  await trpcMutation(page, stack.consoles[0], "agents.updateParams", {
    agentId: main?.id,
    expectedVersion: main?.version,
    edit: { layer: { kind: "agent" }, params: { temperature: 0.3 } },
  });

  const gateways = new GatewaysPage(page);
  await gateways.open();
  const latest = gateways.card(GATEWAY).getByRole("table", { name: "Host jobs" }).getByRole("row").nth(1);
  await expect(latest).toContainText("Apply config change");
  await expect(latest.getByTestId("host-job-state")).toContainText("Queued (retry", { timeout: 60_000 });

  await restartGatewayProcess();
  await expect
    .poll(
      async () =>
        ((await hostConfig()) as { agents?: { entries?: { main?: { params?: unknown } } } }).agents?.entries
          ?.main?.params,
      { timeout: 150_000, intervals: [2_000] },
    )
    .toEqual({ temperature: 0.3 });
  await expect(latest.getByTestId("host-job-state")).toHaveText("Applied on host", { timeout: 30_000 });
});

test("a host agent killed in the middle of a job applies it exactly once after it restarts", async ({
  page,
}) => {
  const stack = readStack();
  await signInAs(page, "admin");
  await trpcMutation(page, stack.consoles[0], "agents.create", {
    gatewayId: stack.gatewayId,
    agentKey: "night-shift",
    name: "Night shift",
    workspace: "",
    model: "",
  });
  const killed = hostAgent;
  if (!killed) throw new Error("the host agent is not running");
  await untilLogged(killed, "job.started", { kind: "agent.create" });
  await killed.kill("SIGKILL");

  hostAgent = startHostAgent();
  await untilLogged(hostAgent, "job.finished", { kind: "agent.create" });
  const ids = await hostAgentIds();
  expect(ids.filter((id) => id.startsWith("night-shift"))).toEqual(["night-shift"]);

  const gateways = new GatewaysPage(page);
  await gateways.open();
  const created = gateways
    .card(GATEWAY)
    .getByRole("table", { name: "Host jobs" })
    .getByRole("row")
    .filter({ hasText: "Create agent" })
    .first();
  await expect(created.getByTestId("host-job-state")).toHaveText("Applied on host");
});

test("a change made on the host with the CLI shows as drift, and accepting the host's version brings it in", async ({
  page,
}) => {
  const stack = readStack();
  const set = await runOpenClaw([
    "config",
    "set",
    "agents.entries.main.params.temperature",
    "0.9",
    "--strict-json",
  ]);
  expect(set.code, set.stderr).toBe(0);

  await signInAs(page, "operator");
  const gateways = new GatewaysPage(page);
  await gateways.open();
  const card = gateways.card(GATEWAY);
  const changedOnHost = card
    .getByRole("table", { name: "Drift with the host" })
    .getByRole("row")
    .filter({ hasText: "main" })
    .filter({ hasText: "0.9" });
  await untilPageShows(page, async () => {
    await expect(changedOnHost).toHaveCount(1);
  });

  await card.getByRole("button", { name: "Accept host version" }).click();
  await card.getByRole("button", { name: "Yes, accept the host's version" }).click();
  await expect(card).toContainText("No drift", { timeout: 30_000 });
  const main = (await consoleGatewayAgents(page)).find((agent) => agent.agentKey === "main");
  const accepted = (await trpcQuery(page, stack.consoles[0], "agents.byId", { agentId: main?.id })) as {
    params: Record<string, unknown>;
  };
  expect(accepted.params).toMatchObject({ temperature: 0.9 });
});

test("revoking the host agent on the Gateways page cuts it off at once", async ({ page }) => {
  const running = hostAgent;
  if (!running) throw new Error("the host agent is not running");
  await signInAs(page, "admin");
  const gateways = new GatewaysPage(page);
  await gateways.open();
  const card = gateways.card(GATEWAY);
  await card.getByRole("button", { name: "Revoke agent" }).click();
  const confirm = card.getByRole("alertdialog");
  await expect(confirm).toContainText("It is cut off at once");
  await confirm.getByRole("button", { name: "Yes, revoke the agent" }).click();
  await expect(card.getByTestId("host-agent-state")).toHaveText("Not connected");

  const exitCode = await Promise.race([
    running.exited,
    new Promise<string>((resolve) => setTimeout(() => resolve("still running after 15 s"), 15_000)),
  ]);
  expect(exitCode).toBe(2);
  expect(running.lines().map((line) => line.reason)).toContain("credential_refused");
  hostAgent = null;
});
