import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    env: { TZ: "Asia/Kolkata" },
    testTimeout: 30_000,
  },
});
