import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./src", import.meta.url)),
      // why: `server-only` throws outside a React Server environment; router tests run in plain Node.
      "server-only": fileURLToPath(new URL("./src/server/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    // why: vitest runs cores − 1 files at once (1 here); these files mostly wait on Postgres, each in its own
    // database, so three at a time finish sooner without contending.
    maxWorkers: 3,
    include: ["src/**/*.test.ts"],
    globalSetup: ["../../packages/db/src/testing/test-database-global-setup.ts"],
    setupFiles: ["../../packages/db/src/testing/test-database-per-file.ts"],
    env: { TZ: "Asia/Kolkata" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
