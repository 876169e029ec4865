import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // why: vitest runs cores − 1 files at once (1 here); these files mostly wait on Postgres, each in its own
    // database, so three at a time finish sooner without contending.
    maxWorkers: 3,
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/testing/test-database-global-setup.ts"],
    setupFiles: ["./src/testing/test-database-per-file.ts"],
    env: { TZ: "Asia/Kolkata" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
