import { describe, expect, it } from "vitest";
import { TEST_SECRET_KEY } from "@clawfleet/db/testing/factories";
import { runWorker } from "./main";

/** Runs the worker to its exit and returns its code and its log lines' messages. */
async function runCollectingLog(env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const code = await runWorker({
    env,
    logDestination: { write: (line: string) => void lines.push(line) },
  });
  return { code, messages: lines.map((line) => (JSON.parse(line) as { msg: string }).msg) };
}

describe("runWorker", () => {
  it("refuses to start on a database it cannot use, saying which and why, without the URL's password", async () => {
    const missing = new URL(process.env.DATABASE_URL ?? "");
    missing.pathname = "/clawfleet_no_such_database";
    missing.password = "pw-in-url-never-logged";
    const { code, messages } = await runCollectingLog({
      DATABASE_URL: missing.href,
      CLAWFLEET_SECRET_KEY: TEST_SECRET_KEY,
      CLAWFLEET_WORKER_NICE: "0",
    });
    expect(code).toBe(1);
    expect(messages.at(-1)).toBe(
      `worker refused to start: cannot use the database at ${missing.hostname}:${missing.port || "5432"}/clawfleet_no_such_database: it does not exist; create it, or point DATABASE_URL at the Clawfleet database.`,
    );
    expect(messages.join("\n")).not.toContain("pw-in-url-never-logged");
  });

  it("refuses to start on a configuration it cannot read", async () => {
    const { code, messages } = await runCollectingLog({ DATABASE_URL: "not a url" });
    expect(code).toBe(1);
    expect(messages.at(-1)).toMatch(/DATABASE_URL must be a postgresql:\/\/ URL/u);
  });
});
