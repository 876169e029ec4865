import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { STATUS_FIXTURES } from "../pages/status-fixtures";
import { signInAs } from "../pages/agents.page";

const fixtures = STATUS_FIXTURES;

test("an import that removes agents or credentials asks first and says how many; one that only adds does not", async ({
  page,
}) => {
  const gatewayName = `e2e-replace-${Date.now().toString(36)}`;
  await signInAs(page, "admin");
  await page.goto("/import");
  await page.getByLabel("Gateway name").fill(gatewayName);
  await page.getByLabel("State folder").setInputFiles(join(fixtures, "05-agent-own-store", "rendered-input"));
  await page.getByRole("button", { name: "3. Preview changes" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  // Only additions: no question asked.
  await page.getByRole("button", { name: "4. Import now" }).click();
  await expect(page.getByText(/Imported: 2 agents created/)).toBeVisible({ timeout: 30_000 });

  await page.goto("/import");
  await page.getByLabel("Replace an existing gateway's state").check();
  const existing = page.getByRole("combobox").filter({ hasText: gatewayName });
  const value = await existing.locator("option", { hasText: gatewayName }).getAttribute("value");
  await existing.selectOption(value ?? "");
  await page
    .getByLabel("State folder")
    .setInputFiles(join(fixtures, "01-anthropic-api-key", "rendered-input"));
  await page.getByRole("button", { name: "3. Preview changes" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByTestId("summary-agents")).toContainText("1 to remove");

  await page.getByRole("button", { name: "4. Import now" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Import and remove what the files no longer have?" });
  await expect(confirm).toContainText(/This import removes 1 agent( and \d+ credentials?)? from the console/);
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: "4. Import now" })).toBeFocused();

  await page.getByRole("button", { name: "4. Import now" }).click();
  await confirm.getByRole("button", { name: /^Import and remove 1 agent/ }).click();
  await expect(page.getByText(/Imported: \d+ agents created/)).toBeVisible({ timeout: 30_000 });
});
