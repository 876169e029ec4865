import { expect, test } from "@playwright/test";
import { statusFixture } from "../pages/status-fixtures";
import { signInAs } from "../pages/agents.page";

/**
 * OpenClaw's Anthropic page shows `{ env: { ANTHROPIC_API_KEY: "sk-ant-..." } }`, which openclaw@2026.9.6
 * refuses (lab capture `seed-api-key-env-in-config`). The import refuses it the same way, offers the
 * `env.vars` rewrite 2026.9.6 accepts, and applies it only when the admin asks.
 */
test("a config refused for env variables offers the env.vars rewrite, applied only when accepted", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/import");
  await page.getByLabel("Gateway name").fill(`e2e-seed-${Date.now().toString(36)}`);
  await page
    .getByLabel("State folder")
    .setInputFiles(statusFixture("lab", "seed-api-key-env-in-config", "rendered-input"));
  await page.getByRole("button", { name: "3. Preview changes" }).click();

  const refusal = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
  await expect(refusal).toContainText('openclaw.json:2:3 (env): Unrecognized key: "ANTHROPIC_API_KEY"', {
    timeout: 30_000,
  });
  const offer = page.getByRole("region", { name: "Offered fix: move ANTHROPIC_API_KEY into env.vars" });
  await expect(offer.getByTestId("config-rewrite-explanation")).toContainText(
    'OpenClaw 2026.9.6 refuses environment variables set directly under "env"',
  );
  // Nothing is rewritten or previewed until the admin accepts.
  await expect(page.getByRole("heading", { name: "Preview" })).toHaveCount(0);

  await offer.getByRole("button", { name: "Rewrite openclaw.json and preview again" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/ANTHROPIC_API_KEY moved from env into env\.vars/)).toBeVisible();
  await page.getByRole("button", { name: "4. Import now" }).click();
  await expect(page.getByText(/Imported: \d+ agents? created/)).toBeVisible({ timeout: 30_000 });
});
