import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // why: the executors are tested against one real OpenClaw Gateway, started once for the suite; the unit tests
    // run in the same loopback-only namespace (their fake console listens on 127.0.0.1).
    globalSetup: ["../../packages/openclaw-gateway/src/testing/real-gateway-global-setup.ts"],
    // why: a credential push runs the real `openclaw` CLI two or three times; under CI, beside the unit, Postgres
    // and browser suites on 2 cores, one CLI start has taken 20–40 s.
    testTimeout: 480_000,
    hookTimeout: 120_000,
  },
});
