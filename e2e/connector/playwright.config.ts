import { defineConfig, devices } from "@playwright/test";

// The connector suite (`npm run test:gateway`): a real OpenClaw Gateway, a host agent and two console instances,
// all inside one loopback-only network namespace. Serial: the cases share one Gateway and build on its state.
export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  globalSetup: "./connector-stack.ts",
  outputDir: "../test-results/connector",
  reporter: [["list"], ["json", { outputFile: "../test-results/connector-results.json" }]],
  use: {
    baseURL: `http://localhost:${process.env.CLAWFLEET_CONNECTOR_PORT ?? 3301}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CLAWFLEET_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
    },
  },
});
