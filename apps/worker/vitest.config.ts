import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // why: tasks run against a real Postgres database per test file, with a real graphile-worker runner.
    globalSetup: ["../../packages/db/src/testing/test-database-global-setup.ts"],
    setupFiles: ["../../packages/db/src/testing/test-database-per-file.ts"],
    env: { TZ: "Asia/Kolkata" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
