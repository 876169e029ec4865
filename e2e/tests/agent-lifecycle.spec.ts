import { expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

test("an admin creates an agent, duplicates it, and deletes both after a confirmation that states the impact", async ({
  page,
}) => {
  const agentKey = `e2e-life-${Date.now().toString(36)}`;
  await signInAs(page, "admin");
  await page.goto("/agents");

  await page.getByRole("button", { name: "New agent" }).click();
  const create = page.getByRole("dialog", { name: "New agent" });
  await create.getByLabel("Gateway").selectOption({ label: "prod-eu" });
  await create.getByLabel("Agent id").fill("Not An Id!");
  await create.getByLabel("Name").fill("Lifecycle probe");
  await create.getByRole("button", { name: "Create agent" }).click();
  // The id rule's words sit beside the id field, tied to it, not in a banner.
  const idField = create.getByLabel("Agent id");
  await expect(idField).toHaveAttribute("aria-invalid", "true");
  await expect(idField).toHaveAccessibleDescription(/An agent id is 1–64 lower-case letters/);
  await idField.fill(agentKey);
  await expect(idField).not.toHaveAttribute("aria-invalid", "true");
  await create.getByRole("button", { name: "Create agent" }).click();

  await expect(page.getByRole("heading", { name: "Lifecycle probe", level: 1 })).toBeVisible();
  await expect(page.getByText("Agent Lifecycle probe created on prod-eu.")).toBeVisible();
  const originalUrl = page.url();

  await page.getByRole("button", { name: "Duplicate" }).click();
  const duplicate = page.getByRole("dialog", { name: "Duplicate Lifecycle probe" });
  await expect(duplicate.getByLabel("New agent id")).toHaveValue(`${agentKey}-copy`);
  await duplicate.getByRole("button", { name: "Duplicate agent" }).click();
  await expect(page.getByRole("heading", { name: "Lifecycle probe (copy)", level: 1 })).toBeVisible();
  await expect(page.getByText(`${agentKey}-copy`, { exact: true })).toBeVisible();

  // Escape cancels the confirmation and gives focus back to the button that opened it.
  const deleteButton = page.getByRole("button", { name: "Delete agent" });
  await deleteButton.click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Lifecycle probe (copy)?" });
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  await expect(confirm).toContainText("its own credential store: no profiles");
  await expect(confirm).toContainText("0 status snapshots");
  await expect(confirm).toContainText("its entry in the gateway's config");
  const confirmDelete = confirm.getByRole("button", { name: "Delete agent" });
  await expect(confirmDelete).toBeDisabled();
  await confirm.getByLabel(`Type ${agentKey}-copy to confirm`).fill(`${agentKey}-copy`);
  await confirmDelete.click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByText("Agent Lifecycle probe (copy) deleted from prod-eu.")).toBeVisible();

  // Leave the demo fleet as it was: the original goes too.
  await page.goto(originalUrl);
  await page.getByRole("button", { name: "Delete agent" }).click();
  const last = page.getByRole("alertdialog", { name: "Delete Lifecycle probe?" });
  await last.getByLabel(`Type ${agentKey} to confirm`).fill(agentKey);
  await last.getByRole("button", { name: "Delete agent" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await page.getByLabel("Search agents").fill(agentKey);
  await expect(page.getByText("0 agents", { exact: true })).toBeVisible();
});

test("a viewer sees the management actions disabled, with the reason", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/agents");
  await expect(page.getByRole("button", { name: "New agent" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "New agent" })).toHaveAttribute(
    "title",
    "Needs the admin role; you are viewer.",
  );
});
