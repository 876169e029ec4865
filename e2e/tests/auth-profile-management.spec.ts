import { type Page, expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

const apiKey = `sk-ant-api03-E2EPROFILE${"k".repeat(80)}AA`;

/** A fresh agent on prod-eu through the New agent dialog (the demo agents stay as they are). */
async function createAgent(page: Page, agentKey: string, name: string) {
  await page.goto("/agents");
  await page.getByRole("button", { name: "New agent" }).click();
  const create = page.getByRole("dialog", { name: "New agent" });
  await create.getByLabel("Gateway").selectOption({ label: "prod-eu" });
  await create.getByLabel("Agent id").fill(agentKey);
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create agent" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("an admin adds an API key to an agent's own store, never sees it again, and removes it knowing who loses it", async ({
  page,
}) => {
  const agentKey = `e2e-prof-${Date.now().toString(36)}`;
  const profileId = `anthropic:${agentKey}`;
  await signInAs(page, "admin");
  await createAgent(page, agentKey, "Profile probe");
  await page.getByRole("tab", { name: "Auth profiles" }).click();

  await page.getByRole("button", { name: "Add profile" }).click();
  const add = page.getByRole("dialog", { name: "Add a profile for Profile probe" });
  await expect(add.getByLabel("Profile probe's own store")).toBeChecked();
  // A setup-token that is not one is refused by OpenClaw's rule, in its words, beside the secret field.
  await add.getByLabel("Setup-token (Claude subscription)").check();
  await add.getByLabel("Profile id").fill(profileId);
  await add.getByLabel("The setup-token").fill("sk-ant-api03-not-a-token");
  await add.getByRole("button", { name: "Add profile" }).click();
  await expect(add.getByLabel("The setup-token")).toHaveAccessibleDescription(
    /Expected token starting with sk-ant-oat01-/,
  );

  await add.getByLabel("API key", { exact: true }).check();
  await add.getByLabel("The API key").fill(apiKey);
  await add.getByRole("button", { name: "Add profile" }).click();
  await expect(page.getByText(`Profile ${profileId} added to Profile probe's own store.`)).toBeVisible();

  // why: the row first shows among "other profiles" until the agent's resolved order is re-read; scoping to the
  // provider's order waits for the settled place (a click on the transient row could land on an unmounting button).
  const anthropicOrder = page.getByRole("region", { name: "anthropic auth order" });
  const row = anthropicOrder.getByRole("row").filter({ hasText: profileId });
  await expect(row).toContainText("agent's own");
  await expect(row).toContainText(`key: ${apiKey.slice(0, 8)}...${apiKey.slice(-8)}`);
  expect(await page.content()).not.toContain(apiKey);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(apiKey);

  // Renaming keeps the credential (same mask), under the new id.
  const renamedId = `${profileId}-renamed`;
  await row.getByRole("button", { name: `Rename or move ${profileId}` }).click();
  const relocate = page.getByRole("dialog", { name: `Rename or move ${profileId}` });
  await relocate.getByLabel("Profile id").fill(renamedId);
  await relocate.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByText(`${profileId} is now ${renamedId} in Profile probe's own store.`),
  ).toBeVisible();
  const renamed = anthropicOrder.getByRole("row").filter({ hasText: renamedId });
  await expect(renamed).toContainText(`key: ${apiKey.slice(0, 8)}...${apiKey.slice(-8)}`);

  await renamed.getByRole("button", { name: `Remove ${renamedId}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove ${renamedId}?` });
  await expect(confirm).toContainText("this agent's own store");
  await expect(confirm).toContainText("1 agent loses it and falls back to its next profile: Profile probe.");
  await confirm.getByRole("button", { name: "Remove profile" }).click();
  await expect(page.getByText(`Profile ${renamedId} removed with its secret.`)).toBeVisible();
  await expect(renamed).toHaveCount(0);

  // Leave the demo fleet as it was.
  await page.getByRole("button", { name: "Delete agent" }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete Profile probe?" });
  await remove.getByLabel(`Type ${agentKey} to confirm`).fill(agentKey);
  await remove.getByRole("button", { name: "Delete agent" }).click();
  await expect(page).toHaveURL(/\/agents$/);
});
