import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // why: the tests drive one real OpenClaw Gateway, started once for the suite (see the setup file).
    globalSetup: ["src/testing/real-gateway-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
