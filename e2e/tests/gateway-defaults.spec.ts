import { type Page, expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

/** Opens a gateway's defaults page from the gateway list and returns its edit form. */
async function openDefaults(page: Page, gatewayName: string) {
  await page.goto("/gateways");
  await page.getByRole("link", { name: `Defaults of ${gatewayName}` }).click();
  await expect(page.getByRole("heading", { name: `Defaults of ${gatewayName}`, level: 1 })).toBeVisible();
  return page.getByRole("form", { name: "Edit defaults" });
}

/**
 * staging's defaults run anthropic/claude-opus-4-8; nine of its fourteen agents have no model of their own
 * (packages/db/src/demo/demo-fleet.ts), so a default model nobody can reach turns them Failing.
 */
test("an operator edits gateway defaults, sees the agents that would turn Failing, confirms, and the change is saved", async ({
  page,
}) => {
  await signInAs(page, "operator");
  const form = await openDefaults(page, "staging");
  await expect(page.getByTestId("effective-default-model")).toHaveText(
    "anthropic/claude-opus-4-8 → anthropic/claude-sonnet-5",
  );
  const preview = form.getByRole("region", { name: "Impact preview" });
  await expect(preview).toContainText("Change a default to see which agents it affects");

  await form.getByLabel("Primary model", { exact: true }).fill("openai/gpt-9-imaginary");
  await expect(preview).toContainText(/Changes the status of 9 agents, turns 9 agents Failing\./);
  const salesTriage = preview.getByTestId("impact-sales-triage-1");
  await expect(salesTriage.getByRole("link", { name: "Sales triage 1" })).toBeVisible();
  await expect(salesTriage).toContainText("→ Failing");
  await expect(salesTriage).toContainText("model anthropic/claude-opus-4-8 → openai/gpt-9-imaginary");
  // An agent with its own model is not affected.
  await expect(preview.getByTestId("impact-main")).toHaveCount(0);

  await form.getByRole("button", { name: "Save defaults" }).click();
  const confirm = form.getByRole("alertdialog");
  await expect(confirm).toContainText("Saving this turns 9 agents Failing");
  await expect(confirm).toContainText("Sales triage 1");
  await confirm.getByRole("button", { name: "Save and turn 9 agents Failing" }).click();
  await expect(form.getByText(/Defaults saved \(version \d+\)\./)).toBeVisible();
  await expect(page.getByTestId("effective-default-model")).toHaveText(
    "openai/gpt-9-imaginary → anthropic/claude-sonnet-5",
  );
  await page.goto("/agents?status=failing");
  await expect(page.getByRole("link", { name: "Sales triage 1", exact: true })).toBeVisible();

  // Put the demo back: this fixes the same agents, so it saves without asking.
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Defaults of staging", level: 1 })).toBeVisible();
  await form.getByLabel("Primary model", { exact: true }).fill("anthropic/claude-opus-4-8");
  await expect(preview).toContainText("fixes 9 agents");
  await form.getByRole("button", { name: "Save defaults" }).click();
  await expect(form.getByText(/Defaults saved \(version \d+\)\./)).toBeVisible();
  await expect(form.getByRole("alertdialog")).toHaveCount(0);
  await expect(page.getByTestId("effective-default-model")).toHaveText(
    "anthropic/claude-opus-4-8 → anthropic/claude-sonnet-5",
  );
});

test("an operator whose save was overtaken reapplies their change without undoing the other save", async ({
  page,
  browser,
}) => {
  await signInAs(page, "operator");
  const form = await openDefaults(page, "prod-eu");
  await expect(page.getByTestId("effective-image-model")).toHaveText("none");
  const temperature = form.getByLabel("temperature for every model", { exact: true });
  await temperature.fill("0.3");

  // Meanwhile an admin sets the image model in another browser.
  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signInAs(admin, "admin");
    const adminForm = await openDefaults(admin, "prod-eu");
    await adminForm.getByLabel("Image model (imageModel)").fill("anthropic/claude-sonnet-5");
    await adminForm.getByRole("button", { name: "Save defaults" }).click();
    await expect(adminForm.getByText(/Defaults saved \(version \d+\)\./)).toBeVisible();
  } finally {
    await adminContext.close();
  }

  await form.getByRole("button", { name: "Save defaults" }).click();
  const conflict = form.getByRole("alert").filter({ hasText: "Reapply my changes" });
  await expect(conflict).toBeVisible();
  await conflict.getByRole("button", { name: "Reapply my changes" }).click();
  await expect(form.getByText(/Defaults saved \(version \d+\)\./)).toBeVisible();
  // Both changes hold: the operator's temperature, and the admin's image model, which the operator never touched.
  await expect(page.getByTestId("effective-image-model")).toHaveText("anthropic/claude-sonnet-5");
  await expect(temperature).toHaveValue("0.3");

  // Put the demo back.
  await form.getByLabel("Image model (imageModel)").fill("");
  await temperature.fill("");
  await form.getByRole("button", { name: "Save defaults" }).click();
  await expect(form.getByText(/Defaults saved \(version \d+\)\./)).toBeVisible();
  await expect(page.getByTestId("effective-image-model")).toHaveText("none");
});
