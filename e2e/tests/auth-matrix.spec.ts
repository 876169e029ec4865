import { expect, test } from "@playwright/test";
import { AuthMatrixPage } from "../pages/auth-matrix.page";
import { signInAs } from "../pages/agents.page";

const DEPARTMENTS = ["support", "sales", "research", "ops", "billing", "docs"];
const ROLES = ["triage", "writer", "reviewer", "planner", "analyst", "helper", "scribe", "scout"];

/**
 * The demo seed (packages/db/src/demo/demo-fleet.ts): staging's 14 agents all reach the shared
 * `anthropic:team-sub` token, which expires in 20 h. Agents with `index % 6 === 3` keep their own 90-day
 * token first in their order, except that `index % 12 === 3` cools down, falling through to team-sub. So
 * the expiring rows are every staging agent but index 9.
 */
function expectedExpiringAgents(): string[] {
  const names: string[] = [];
  for (let index = 0; index < 14; index += 1) {
    const usesOwnToken = index % 6 === 3 && index % 12 !== 3;
    if (usesOwnToken) continue;
    const department = DEPARTMENTS[index % 6] ?? "";
    const role = ROLES[Math.floor(index / 6) % 8] ?? "";
    names.push(
      index === 0
        ? "Main (staging)"
        : `${department.charAt(0).toUpperCase()}${department.slice(1)} ${role} ${index}`,
    );
  }
  return names.sort();
}

test("the expiring filter lists exactly the agents on staging's expiring team token", async ({ page }) => {
  await signInAs(page, "viewer");
  const matrix = new AuthMatrixPage(page);
  await matrix.open();
  await matrix.expectTotal(50);
  await expect(matrix.table.getByRole("columnheader", { name: "anthropic" })).toBeVisible();

  await matrix.filterBy(/^Expiring in 7 days/);
  await expect(page).toHaveURL(/filter=expiring/);
  const expected = expectedExpiringAgents();
  await matrix.expectTotal(expected.length);
  expect((await matrix.agentNames()).sort()).toEqual(expected);

  // Each listed agent's anthropic cell names the shared token, its type and its status in words, outlined.
  const cells = matrix.table.locator('td[data-provider="anthropic"][data-highlighted="true"]');
  await expect(cells).toHaveCount(expected.length);
  const triage = matrix.rows.filter({ hasText: "Ops triage 3" }).locator('td[data-provider="anthropic"]');
  await expect(triage).toContainText("anthropic:team-sub");
  await expect(triage).toContainText("setup-token");
  await expect(triage).toContainText(/expiring in (19|20)h/);
  // Its own token is cooling down, which is why team-sub was selected.
  await expect(triage).toContainText(/skipped: anthropic:ops-triage-3 \(cooldown \(overloaded\)/);

  // The view is in the URL: reloading keeps it.
  await page.reload();
  await matrix.expectTotal(expected.length);

  // A viewer sees the selection controls, disabled with the reason.
  const select = page.getByRole("checkbox", { name: "Select Main (staging)" });
  await expect(select).toBeDisabled();
  await expect(select).toHaveAttribute("title", "Needs the operator role; you are viewer.");
  await expect(page.getByRole("button", { name: "Bulk edit…" })).toBeDisabled();
});

test("an operator bulk-sets cacheRetention with a preview and per-agent results", async ({ page }) => {
  await signInAs(page, "operator");
  const matrix = new AuthMatrixPage(page);
  await matrix.open();
  await matrix.showGateway("staging");
  await matrix.search("Support");
  // Support writer 6 has no params; Support reviewer 12 already has cacheRetention=short.
  await matrix.expectTotal(2);

  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Bulk edit…" }).click();

  const panel = page.getByRole("region", { name: /Bulk edit 2 agents/ });
  await panel.getByLabel("Action").selectOption("params");
  await panel.getByLabel("cacheRetention").selectOption("set");
  await panel.getByLabel("New cacheRetention").selectOption("short");
  await panel.getByRole("button", { name: "Preview changes" }).click();

  await expect(panel.getByRole("status")).toContainText(
    "1 of 2 agents will change; 1 already have this value",
  );
  const preview = panel.getByRole("table", { name: "Bulk edit preview" });
  await expect(preview.getByRole("row").filter({ hasText: "Support writer 6" })).toContainText(
    "no paramscacheRetention=short",
  );
  await expect(preview.getByRole("row").filter({ hasText: "Support reviewer 12" })).toContainText(
    "no change",
  );

  await panel.getByRole("button", { name: "Apply to 2 agents" }).click();
  await expect(panel.getByTestId("bulk-summary")).toHaveText(
    "1 updated, 1 unchanged, 0 conflicts, 0 failed.",
  );
  const results = panel.getByRole("table", { name: "Bulk edit results" });
  await expect(results.getByRole("row").filter({ hasText: "Support writer 6" })).toContainText("updated");
  await expect(results.getByRole("row").filter({ hasText: "Support reviewer 12" })).toContainText(
    "unchanged",
  );

  // The agent editor shows the new effective value, from the agent layer (over the gateway's model entry).
  await matrix.table.getByRole("link", { name: "Support writer 6" }).click();
  await page.getByRole("tab", { name: "Model & params" }).click();
  const opus = page.getByRole("region", { name: "Params of anthropic/claude-opus-4-8" });
  await expect(opus.getByTestId("effective-cacheRetention-anthropic/claude-opus-4-8")).toContainText("short");
  await expect(opus.getByTestId("source-cacheRetention-anthropic/claude-opus-4-8")).toHaveText(
    /this agent \(agents\.entries/,
  );
});

test("an operator starts one re-auth for the token that the expiring agents share", async ({ page }) => {
  await signInAs(page, "operator");
  const matrix = new AuthMatrixPage(page);
  await matrix.open();
  await matrix.filterBy(/Expiring in 7 days/);
  await matrix.expectTotal(expectedExpiringAgents().length);
  await page.getByLabel("Select all on this page").check();
  await page.getByLabel("Provider to re-auth").selectOption("anthropic");
  // Every expiring agent uses staging's shared team-sub token: one profile, one request.
  await page.getByRole("button", { name: "Request re-auth (1 anthropic profile)" }).click();
  const form = page.getByRole("form", { name: "New re-auth request" });
  await expect(form).toBeVisible();
  await expect(form.getByTestId("reauth-coverage")).toContainText("Covers 1 profile");
  // Creating the request is the same procedure as from an agent's profile (reauth.spec.ts); this journey
  // stops here so the re-auth journey's audit counts stay its own.
  await expect(form.getByRole("button", { name: "Create re-auth request" })).toBeEnabled();
});

test("the matrix is a dense grid: one-line rows, sticky header and agent column, sortable by health", async ({
  page,
}) => {
  await signInAs(page, "viewer");
  const matrix = new AuthMatrixPage(page);
  await matrix.open();
  await matrix.expectTotal(50);

  // One line per agent: a row is about as tall as a line of small text, so a screen holds dozens.
  const first = matrix.rows.first();
  const box = await first.boundingBox();
  expect(box?.height ?? 100).toBeLessThanOrEqual(32);
  const scroller = page.getByTestId("matrix-scroll");
  const viewport = await scroller.boundingBox();
  expect((viewport?.height ?? 0) / (box?.height ?? 100)).toBeGreaterThan(15);

  // A cell is compact but keeps its meaning in words for screen readers and as its tooltip.
  const cell = matrix.rows.first().locator('td[data-provider="anthropic"]');
  await expect(cell).toHaveAttribute("title", /^anthropic:\S+ · (API key|setup-token|OAuth) · /);

  // Scrolling the grid keeps the header row in view.
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const header = matrix.table.getByRole("columnheader", { name: "anthropic" });
  const headerBox = await header.boundingBox();
  expect(headerBox?.y ?? -1).toBeGreaterThanOrEqual(viewport?.y ?? 0);
  expect(headerBox?.y ?? 1e9).toBeLessThan((viewport?.y ?? 0) + 40);

  await scroller.evaluate((element) => element.scrollTo({ top: 0 }));

  // Worst first: sort by --check in the query.
  await matrix.table.getByRole("button", { name: /--check/ }).click();
  await expect(page).toHaveURL(/sort=health%3Adesc|sort=health:desc/);
  await expect(matrix.rows.first().getByRole("cell").nth(2)).toHaveText(/Failing|Refused/);
});
