import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { STATUS_FIXTURES } from "../pages/status-fixtures";
import { signInAs } from "../pages/agents.page";

const fixtures = STATUS_FIXTURES;

test("an admin imports a real OpenClaw state folder after previewing it", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByLabel("Gateway name").fill("fixture-05");
  await page.getByLabel("State folder").setInputFiles(join(fixtures, "05-agent-own-store", "rendered-input"));
  await expect(page.getByText(/^Ready: \d+ files/)).toBeVisible();

  await page.getByRole("button", { name: "3. Preview changes" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByTestId("summary-agents")).toContainText("2 to create");
  await page.getByRole("button", { name: "4. Import now" }).click();
  await expect(page.getByText(/Imported: 2 agents created/)).toBeVisible({ timeout: 30_000 });

  await page.getByRole("link", { name: "See the gateway's agents" }).click();
  await expect(page.getByText("2 agents", { exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "work", exact: true })).toBeVisible();
});

test("an empty gateway name is named under its field; a `tar -C state .` archive then imports", async ({
  page,
}) => {
  const folder = mkdtempSync(join(tmpdir(), "clawfleet-tar-import-"));
  try {
    const archive = join(folder, "state.tgz");
    // why: the usual way to archive a state folder; its entries start with `./`, the first being `./` itself.
    execFileSync("tar", ["czf", archive, "-C", join(fixtures, "05-agent-own-store", "rendered-input"), "."]);
    await signInAs(page, "admin");
    await page.goto("/import");
    await page.getByLabel("Archive").setInputFiles(archive);
    await expect(page.getByText(/^Ready: 1 file/)).toBeVisible();

    await page.getByRole("button", { name: "3. Preview changes" }).click();
    await expect(page.getByLabel("Gateway name")).toHaveAccessibleDescription("Name is required.");

    await page.getByLabel("Gateway name").fill("tar-dot");
    await page.getByRole("button", { name: "3. Preview changes" }).click();
    await expect(page.getByTestId("summary-agents")).toContainText("2 to create");
    await expect(page.getByLabel("Gateway name")).not.toHaveAttribute("aria-invalid", "true");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("the import page keeps following its run after a reload: the run's id is in the URL", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/import");
  await page.getByLabel("Gateway name").fill("fixture-02-reload");
  await page
    .getByLabel("State folder")
    .setInputFiles(join(fixtures, "02-mixed-token-oauth-cooldown-disabled", "rendered-input"));
  await page.getByRole("button", { name: "3. Preview changes" }).click();
  await expect(page).toHaveURL(/\/import\?run=[0-9a-f-]{36}$/);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByTestId("summary-agents")).toContainText("1 to create");
  await page.getByRole("button", { name: "4. Import now" }).click();
  await page.reload();
  await expect(page.getByText(/Imported: 1 agents created/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "4. Import now" })).toHaveCount(0);
});

test("every real OpenClaw capture in the fixtures imports through the browser", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, "admin");
  for (const fixture of readdirSync(fixtures)
    .filter((name) => /^\d\d-/.test(name))
    .sort()) {
    await page.goto("/import");
    await page.getByLabel("Gateway name").fill(`capture-${fixture.slice(0, 2)}`);
    await page.getByLabel("State folder").setInputFiles(join(fixtures, fixture, "rendered-input"));
    await page.getByRole("button", { name: "3. Preview changes" }).click();
    await expect(page.getByRole("heading", { name: "Preview" }), fixture).toBeVisible();
    await page.getByRole("button", { name: "4. Import now" }).click();
    await expect(page.getByText(/Imported: \d+ agents created/), fixture).toBeVisible({ timeout: 30_000 });
  }
});

test("a malformed openclaw.json is refused with file, line and column, and nothing is imported", async ({
  page,
}) => {
  const folder = mkdtempSync(join(tmpdir(), "clawfleet-bad-import-"));
  try {
    mkdirSync(join(folder, "state"));
    writeFileSync(
      join(folder, "state", "openclaw.json"),
      '{\n  agents: {\n    defaults: { model: "anthropic/claude-opus-4-8", }\n  ,,\n}\n',
    );
    await signInAs(page, "admin");
    await page.goto("/import");
    await page.getByLabel("Gateway name").fill("should-not-exist");
    await page.getByLabel("State folder").setInputFiles(join(folder, "state"));
    await page.getByRole("button", { name: "3. Preview changes" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await expect(refusal).toContainText("openclaw.json:4:");
    await expect(page.getByRole("button", { name: "4. Import now" })).toHaveCount(0);
    await page.goto("/gateways");
    await expect(page.getByText("should-not-exist")).toHaveCount(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a viewer is told importing needs an admin", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/import");
  await expect(page.getByText("Needs the admin role; you are viewer.")).toBeVisible();
  await expect(page.getByLabel("State folder")).toHaveCount(0);
});
