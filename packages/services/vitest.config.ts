import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // why: vitest runs cores − 1 files at once (1 here); these files mostly wait on Postgres, each in its own
    // database, so three at a time finish sooner without contending.
    maxWorkers: 3,
    include: ["src/**/*.test.ts"],
    // why: use cases read and write through the real repositories, so each test file gets its own copy of a
    // migrated Postgres database, exactly as packages/db's tests do.
    globalSetup: ["../db/src/testing/test-database-global-setup.ts"],
    setupFiles: ["../db/src/testing/test-database-per-file.ts"],
    env: { TZ: "Asia/Kolkata" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
