import { expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

test("the credentials page lists every agent that a gateway's shared key reaches", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.getByRole("link", { name: "Credentials", exact: true }).click();
  await page.getByLabel("Filter credentials").fill("anthropic:default");

  const prodKey = page
    .getByRole("listitem", { name: /^Credential sk-ant-a\.\.\./ })
    .filter({ hasText: "prod-eu" });
  await expect(prodKey).toHaveCount(1);
  // prod-eu has 36 agents and none overrides anthropic:default with its own profile.
  await expect(prodKey.getByTestId("affected")).toHaveText("Rotating it affects 36 agents");
  await prodKey.getByText(/anthropic:default on prod-eu/).click();
  const agents = prodKey.getByRole("link");
  await expect(agents).toHaveCount(36);
  await expect(prodKey.getByRole("link", { name: "Main (prod-eu)" })).toBeVisible();
  await expect(prodKey.getByRole("link", { name: "Ops triage 3" })).toBeVisible();
  await expect(prodKey).not.toContainText("staging");
});
