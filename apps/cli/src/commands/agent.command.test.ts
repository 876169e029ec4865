import { describe, expect, test } from "vitest";
import { AGENT_VERSION } from "@clawfleet/host-agent/version";
import { main } from "../main";

describe("clawfleet agent", () => {
  test("delegates to the host agent", async () => {
    const out: string[] = [];
    expect(await main(["agent", "--version"], { stdout: (text) => void out.push(text) })).toBe(0);
    expect(out.join("")).toBe(`${AGENT_VERSION}\n`);
  });

  test("is listed in the CLI's help", async () => {
    const out: string[] = [];
    await main(["--help"], { stdout: (text) => void out.push(text) });
    expect(out.join("")).toContain("clawfleet agent <enrol|run|status>");
  });
});
