import { expect, test } from "@playwright/test";
import { AgentsPage, signInAs } from "../pages/agents.page";

/**
 * prod-eu's agents follow the gateway's `auth.order` (team-sub, then the default key, which is disabled for
 * billing); the OAuth sign-in ops@demo.clawfleet.dev is left out of it. Billing writer 10 has no store of its own.
 */
const OAUTH = "anthropic:ops@demo.clawfleet.dev";

test("an operator reorders an agent's profiles with the keyboard, previews the impact and sees the used profile change", async ({
  page,
}) => {
  await signInAs(page, "operator");
  const agents = new AgentsPage(page);
  await agents.open("prod-eu", "billing-writer-10", "Billing writer 10");
  await agents.openTab("Auth profiles");
  const editor = page.getByRole("region", { name: "anthropic", exact: true });
  await expect(editor).toContainText("OpenClaw's resolved order (the gateway's auth.order)");
  await expect(editor.getByTestId("used-profile-anthropic")).toHaveText("anthropic:team-sub");

  // The OAuth sign-in starts last; one click and one Enter (focus stays on the moved profile) put it first.
  await editor.getByRole("button", { name: `Move ${OAUTH} up` }).click();
  await expect(editor.getByRole("button", { name: `Move ${OAUTH} up` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(
    editor.getByRole("list", { name: "Stored order for anthropic" }).getByRole("listitem"),
  ).toHaveText([
    /1\.\s*anthropic:ops@demo\.clawfleet\.dev/,
    /2\.\s*anthropic:team-sub/,
    /3\.\s*anthropic:default/,
  ]);

  const preview = editor.getByRole("region", { name: "Impact preview" });
  await expect(preview.getByTestId("impact-billing-writer-10")).toContainText(
    `anthropic profile anthropic:team-sub → ${OAUTH}`,
  );
  await expect(preview).not.toContainText("Failing");

  await editor.getByRole("button", { name: "Save anthropic order" }).click();
  await expect(editor.getByText("Auth order for anthropic saved.")).toBeVisible();
  await expect(editor).toContainText("OpenClaw's resolved order (this agent's stored order)");
  await expect(editor.getByTestId("used-profile-anthropic")).toHaveText(OAUTH);
  await expect(editor.getByTestId("resolved-order-anthropic")).toHaveText(
    `${OAUTH} → anthropic:team-sub → anthropic:default`,
  );

  // Put the demo back: without a stored order the gateway's auth.order applies again.
  await editor.getByRole("button", { name: "Clear stored order" }).click();
  await expect(editor.getByTestId("used-profile-anthropic")).toHaveText("anthropic:team-sub");
  await expect(editor).toContainText("OpenClaw's resolved order (the gateway's auth.order)");
});
