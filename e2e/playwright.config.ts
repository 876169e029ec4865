import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.CLAWFLEET_E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // why: CI runs the browser suites beside the unit and Postgres suites on 2 cores, where a journey takes up to
  // three times its time on a quiet machine; a budget only costs time when a journey hangs.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    // why: browsers cannot be downloaded here; Debian's chromium is installed by .ci/run.
    launchOptions: {
      executablePath: process.env.CLAWFLEET_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  // The server script makes a fresh database, migrates and seeds it, then runs `next start` on it
  // (Playwright starts the web server before globalSetup, so preparation lives in the script).
  webServer: {
    command: `node start-test-server.mjs ${port}`,
    port,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // why: SIGTERM (not the default SIGKILL) lets the script stop `next start` and the worker, whose running
    // jobs finish, and drop its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
