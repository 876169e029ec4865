import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // why: status computation is time arithmetic; a non-UTC, non-whole-hour zone catches local-time slips.
    env: { TZ: "Asia/Kolkata" },
  },
});
