import { expect, test } from "@playwright/test";
import { AgentsPage, signInAs } from "../pages/agents.page";

test("an admin exports an agent's config as an openclaw.json snippet without secrets", async ({ page }) => {
  await signInAs(page, "admin");
  await new AgentsPage(page).open("prod-eu", "ops-triage-3", "Ops triage 3");
  await page.getByRole("button", { name: "Show config snippet" }).click();
  const snippet = page.getByLabel("Config snippet");
  await expect(snippet).toContainText("ops-triage-3");
  await expect(snippet).toContainText("entries");
  await expect(snippet).not.toContainText("sk-ant-");
  await expect(page.getByRole("button", { name: /Download .*json5/ })).toBeVisible();
});

test("a viewer is told exports need an admin", async ({ page }) => {
  await signInAs(page, "viewer");
  await new AgentsPage(page).open("prod-eu", "ops-triage-3", "Ops triage 3");
  await expect(page.getByRole("button", { name: "Show config snippet" })).toBeDisabled();
  await expect(page.getByText("Needs the admin role; you are viewer.")).toBeVisible();
});
