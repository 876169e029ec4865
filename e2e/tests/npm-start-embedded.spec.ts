import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const port = 3197;

const fixture02 = join(
  root,
  "..",
  "shared",
  "fixtures",
  "openclaw-status",
  "02-mixed-token-oauth-cooldown-disabled",
  "rendered-input",
);

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
  test.setTimeout(180_000);
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

  let output = "";
  const server: ChildProcess = spawn(process.execPath, [join(root, "scripts", "start.mjs")], {
    cwd: root,
    env,
    detached: true,
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect
      .poll(() => output, { timeout: 150_000, intervals: [500] })
      .toContain("Clawfleet is running at");
    expect(output).toContain("using the embedded Postgres");
    await expect
      .poll(() => output, { timeout: 10_000 })
      .toContain(`demo admin    ${DEMO_ADMIN}  password: ${DEMO_PASSWORD}`);

    await page.goto(`http://localhost:${port}/agents`);
    const signIn = new SignInPage(page);
    await expect(page).toHaveURL(/\/login/);
    await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
    await page.goto(`http://localhost:${port}/agents`);
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
    // The start script, next-server and the embedded Postgres share a process group.
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
