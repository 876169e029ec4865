import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/testing/test-database-global-setup.ts"],
    setupFiles: ["./src/testing/test-database-per-file.ts"],
    env: { TZ: "Asia/Kolkata" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
