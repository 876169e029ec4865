import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { statusFixture } from "../pages/status-fixtures";
import { startNpmStart } from "../pages/npm-start-process";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

const port = 3197;

const fixture02 = statusFixture("02-mixed-token-oauth-cooldown-disabled", "rendered-input");

/**
 * `npm start` on a machine with no DATABASE_URL: the embedded Postgres, generated development secrets,
 * migrations, the demo seed and the printed login, in a throwaway data folder; then the embedded default
 * takes concurrent work: an import of fixture 02 runs on the worker `npm start` started, while a second
 * person signs in and loads the fleet page.
 */
test("npm start without DATABASE_URL serves the console and its worker on the embedded Postgres", async ({
  page,
  browser,
}) => {
  test.setTimeout(360_000);
  const dataDir = mkdtempSync(join(tmpdir(), "clawfleet-start-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    CLAWFLEET_DATA_DIR: dataDir,
    CLAWFLEET_EMBEDDED_PG_PORT: "5497",
  };
  delete env.DATABASE_URL;
  delete env.CLAWFLEET_SECRET_KEY;
  delete env.NEXTAUTH_SECRET;
  delete env.NEXTAUTH_URL;

  const server = startNpmStart(env);
  try {
    await server.waitFor(`demo admin    ${DEMO_ADMIN}  password: ${DEMO_PASSWORD}`, 150_000);
    expect(server.output()).toContain("using the embedded Postgres");

    await page.goto(`http://localhost:${port}/agents`);
    const signIn = new SignInPage(page);
    await expect(page).toHaveURL(/\/login/);
    await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
    // Sign-in comes back to the page that was asked for.
    await expect(page).toHaveURL(`http://localhost:${port}/agents`);
    await expect(page.getByText("50 agents")).toBeVisible();

    await page.goto(`http://localhost:${port}/import`);
    await page.getByLabel("Gateway name").fill("embedded-02");
    await page.getByLabel("State folder").setInputFiles(fixture02);
    await page.getByRole("button", { name: "3. Preview changes" }).click();
    await expect(page.getByTestId("summary-agents")).toContainText("1 to create", { timeout: 30_000 });
    await page.getByRole("button", { name: "4. Import now" }).click();

    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      await otherPage.goto(`http://localhost:${port}/login`);
      await new SignInPage(otherPage).signIn(DEMO_ADMIN, DEMO_PASSWORD);
      await expect(otherPage.getByRole("heading", { name: "Fleet status" })).toBeVisible();
      await expect(page.getByText(/Imported: 1 agents created/)).toBeVisible({ timeout: 30_000 });
      await otherPage.reload();
      await expect(otherPage.getByRole("heading", { name: "Fleet status" })).toBeVisible();
    } finally {
      await other.close();
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
