import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { STATUS_FIXTURES } from "../pages/status-fixtures";
import { AgentStatusPage } from "../pages/agent-status.page";
import { signInAs } from "../pages/agents.page";

const fixtures = STATUS_FIXTURES;
const report = readFileSync(
  join(fixtures, "02-mixed-token-oauth-cooldown-disabled", "output", "stdout.json"),
  "utf8",
);

/** A real `--agent work` capture of an agent with no credentials: `--check` exits 1. */
const failingReport = readFileSync(
  join(fixtures, "03-agent-no-credentials", "output", "stdout.json"),
  "utf8",
);

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an admin issues an ingest token, a host posts its real report, and the agent shows it with drift, text and raw JSON", async ({
  page,
  request,
}) => {
  await signInAs(page, "admin");
  const status = new AgentStatusPage(page);
  await status.openAgent("main", "Main (prod-eu)");
  await status.open();

  // Nothing reported yet: the empty state gives the exact cron line and the token card.
  const reportedColumn = status.column("Reported by the host");
  await expect(reportedColumn.getByText("No report from this agent's host yet.")).toBeVisible();
  await expect(
    reportedColumn.getByText(
      /^\*\/5 \* \* \* \* openclaw models status --json( --agent main)? \| curl -fsS -X POST/,
    ),
  ).toContainText("/api/ingest/status");
  await expect(status.column("Computed by the console").getByText(/--check [012]/)).toBeVisible();

  const token = await status.rotateIngestToken();

  // The host's cron job, as curl would send it.
  const refused = await request.post("/api/ingest/status", {
    headers: { Authorization: "Bearer cfi_wrong", "Content-Type": "application/json" },
    data: report,
  });
  expect(refused.status()).toBe(401);
  const posted = await request.post("/api/ingest/status", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: report,
  });
  expect(posted.status()).toBe(201);
  expect(JSON.stringify(await posted.json())).not.toContain(token);

  await page.reload();
  await status.open();
  const reported = status.column("Reported by the host");
  await expect(reported.getByText("--check 1 · Missing, expired or unavailable auth")).toBeVisible();
  await expect(reported.getByText("openai:default", { exact: true }).first()).toBeVisible();
  await expect(reported.getByText("Top up credits (provider billing) or switch provider.")).toBeVisible();

  // Drift: the demo console state is not what sample 02's host runs.
  const drift = page.getByRole("table", { name: /^Drift: \d+ fields? differ/ });
  await expect(drift).toBeVisible();
  await expect(drift.getByRole("cell", { name: /^aliases/ }).first()).toBeVisible();
  await expect(reported.getByText("drift", { exact: true }).first()).toBeVisible();

  await status.showView("OpenClaw text");
  await expect(reported.getByText(/Unavailable auth profiles/)).toBeVisible();
  await expect(reported.getByText(/- openai:default \(openai\) cooldown:rate_limit/)).toBeVisible();

  await status.showView("Raw JSON");
  await expect(reported.getByText(/"configPath": "<TMP>\/home\/\.openclaw\/openclaw\.json"/)).toBeVisible();
  await reported.getByRole("button", { name: "Copy reported by the host JSON" }).click();
  await expect(reported.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toEqual(JSON.parse(report));

  // History: compare the computed and the reported snapshot.
  const history = page.getByRole("region", { name: "History" });
  const picks = history.getByRole("checkbox", { name: /Compare/ });
  await expect(picks).toHaveCount(2);
  await picks.nth(0).check();
  await picks.nth(1).check();
  await expect(
    history.getByRole("table", { name: /fields? changed between the two snapshots/ }),
  ).toBeVisible();

  // The token is nowhere in the page after the card is closed.
  await page.reload();
  expect(await page.content()).not.toContain(token);
});

test("a host's failing report for an agent the console computes ok counts as failing on the home page, with drift", async ({
  page,
  request,
}) => {
  await signInAs(page, "admin");
  await page.goto("/");
  const failingBefore = Number(await page.getByTestId("count-failing").textContent());
  const drift = page.getByRole("region", { name: /^Reported differs/ });
  await expect(drift.getByTestId("drift-group").filter({ hasText: "Ops writer 9" })).toHaveCount(0);

  // Both demo gateways have an "Ops writer 9"; staging's passes --check.
  await page.goto(`/agents?q=${encodeURIComponent("Ops writer 9")}`);
  await page
    .getByRole("row")
    .filter({ hasText: "staging" })
    .getByRole("link", { name: "Ops writer 9", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Ops writer 9", level: 1 })).toBeVisible();
  const status = new AgentStatusPage(page);
  await status.open();
  await expect(status.column("Computed by the console").getByText(/--check 0/)).toBeVisible();
  const token = await status.rotateIngestToken();
  const posted = await request.post("/api/ingest/status", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: JSON.stringify({ ...(JSON.parse(failingReport) as object), agentId: "ops-writer-9" }),
  });
  expect(posted.status()).toBe(201);

  await page.goto("/");
  await expect(page.getByTestId("count-failing")).toHaveText(String(failingBefore + 1));
  await expect(drift.getByTestId("drift-group").filter({ hasText: "Ops writer 9" })).toContainText(
    "reported Failing, computed OK (drift)",
  );
});
