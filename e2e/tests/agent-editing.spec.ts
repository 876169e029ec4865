import { expect, test } from "@playwright/test";
import { AgentsPage, signInAs } from "../pages/agents.page";

test("an operator finds an agent, sets its fallbacks and a cacheRetention, and sees the effective value and its source", async ({
  page,
}) => {
  await signInAs(page, "operator");
  const agents = new AgentsPage(page);
  await agents.open("prod-eu", "support-writer-6", "Support writer 6");
  await agents.openTab("Model & params");
  await expect(page.getByText("Runs anthropic/claude-opus-4-8 (from the gateway defaults)")).toBeVisible();

  await page.getByLabel(/Primary with fallbacks/).check();
  await page.getByLabel("Primary model", { exact: true }).fill("anthropic/claude-sonnet-5");
  await page.getByLabel("Fallback 1", { exact: true }).fill("anthropic/claude-opus-4-8");
  await page.getByRole("button", { name: "Save model", exact: true }).click();
  await expect(page.getByText("Model saved.")).toBeVisible();
  await expect(
    page.getByText(/Runs anthropic\/claude-sonnet-5 \(from this agent\), then anthropic\/claude-opus-4-8/),
  ).toBeVisible();

  const sonnet = page.getByRole("region", { name: "Params of anthropic/claude-sonnet-5" });
  await expect(sonnet.getByTestId("effective-cacheRetention-anthropic/claude-sonnet-5")).not.toContainText(
    "long",
  );
  await sonnet.getByLabel("cacheRetention for anthropic/claude-sonnet-5").selectOption("long");
  await sonnet.getByRole("button", { name: "Save model params" }).click();
  await expect(sonnet.getByText("Params saved.")).toBeVisible();
  await expect(sonnet.getByTestId("effective-cacheRetention-anthropic/claude-sonnet-5")).toContainText(
    "long",
  );
  await expect(sonnet.getByTestId("source-cacheRetention-anthropic/claude-sonnet-5")).toHaveText(
    /this agent's model entry/,
  );
  // prod-eu reaches Anthropic through a setup-token first: the console says cache settings do nothing.
  await expect(sonnet.getByText(/subscription auth .* ignores cache settings/)).toBeVisible();
});

test("a stale edit from a second browser shows the other version and can be reapplied", async ({
  browser,
}) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const firstPage = await first.newPage();
  const secondPage = await second.newPage();
  await signInAs(firstPage, "operator");
  await signInAs(secondPage, "admin");
  // A prod-eu agent: staging's names are asserted by the auth matrix spec.
  for (const page of [firstPage, secondPage])
    await new AgentsPage(page).open("prod-eu", "sales-writer-7", "Sales writer 7");

  await firstPage.getByLabel("Name").fill("Sales writer (renamed by operator)");
  await firstPage.getByRole("button", { name: "Save identity" }).click();
  await expect(firstPage.getByText("Saved.")).toBeVisible();

  await secondPage.getByLabel("Name").fill("Sales writer (renamed by admin)");
  await secondPage.getByRole("button", { name: "Save identity" }).click();
  const conflict = secondPage.getByRole("alert").filter({ hasText: "Someone else changed this agent" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Their version: name “Sales writer (renamed by operator)”");
  await conflict.getByRole("button", { name: "Reapply my changes" }).click();
  await expect(secondPage.getByText("Saved.")).toBeVisible();
  await expect(secondPage.getByRole("heading", { level: 1 })).toHaveText("Sales writer (renamed by admin)");

  await firstPage.reload();
  await expect(firstPage.getByRole("heading", { level: 1 })).toHaveText("Sales writer (renamed by admin)");
  await first.close();
  await second.close();
});

test("an operator clears a cooldown", async ({ page }) => {
  await signInAs(page, "operator");
  const agents = new AgentsPage(page);
  await agents.open("prod-eu", "ops-triage-3", "Ops triage 3");
  await agents.openTab("Auth profiles");
  const row = page.getByRole("row").filter({ hasText: "anthropic:ops-triage-3" });
  await expect(row).toContainText("cooldown (overloaded)");
  await row.getByRole("button", { name: "Clear cooldown" }).click();
  await expect(row).toContainText("ready");
  await expect(row.getByRole("button", { name: "Clear cooldown" })).toHaveCount(0);
});

test("a viewer sees the editors disabled, with the reason", async ({ page }) => {
  await signInAs(page, "viewer");
  const agents = new AgentsPage(page);
  await agents.open("prod-eu", "ops-reviewer-15", "Ops reviewer 15");
  await expect(page.getByRole("button", { name: "Save identity" })).toBeDisabled();
  await expect(page.getByText("Needs the operator role; you are viewer.")).toBeVisible();
  await agents.openTab("Model & params");
  await expect(page.getByRole("button", { name: "Save model", exact: true })).toBeDisabled();
  await agents.openTab("Auth profiles");
  const clear = page
    .getByRole("row")
    .filter({ hasText: "anthropic:ops-reviewer-15" })
    .getByRole("button", { name: "Clear cooldown" });
  await expect(clear).toBeDisabled();
  await expect(clear).toHaveAttribute("title", "Needs the operator role; you are viewer.");
});
