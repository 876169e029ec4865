import { describe, expect, it } from "vitest";

import case01 from "../../../../fixtures/openclaw-status/01-anthropic-api-key/output/stdout.json";
import case01v323 from "../../../../fixtures/openclaw-status/01-anthropic-api-key/output-v2026.3.23-legacy-json/stdout.json";
import case01v528 from "../../../../fixtures/openclaw-status/01-anthropic-api-key/output-v2026.5.28-legacy-json/stdout.json";
import case02 from "../../../../fixtures/openclaw-status/02-mixed-token-oauth-cooldown-disabled/output/stdout.json";
import case02v323 from "../../../../fixtures/openclaw-status/02-mixed-token-oauth-cooldown-disabled/output-v2026.3.23-legacy-json/stdout.json";
import case02v528 from "../../../../fixtures/openclaw-status/02-mixed-token-oauth-cooldown-disabled/output-v2026.5.28-legacy-json/stdout.json";
import case03 from "../../../../fixtures/openclaw-status/03-agent-no-credentials/output/stdout.json";
import case05 from "../../../../fixtures/openclaw-status/05-agent-own-store/output/stdout.json";
import case06 from "../../../../fixtures/openclaw-status/06-legacy-auth-profiles-json-unmigrated/output/stdout.json";
import case08 from "../../../../fixtures/openclaw-status/08-invalid-config-multi-agent-no-ownership/output/stdout.json";
import case09 from "../../../../fixtures/openclaw-status/09-token-expiring-check-2/output/stdout.json";
import { viewStatusSnapshot } from "./status-snapshot-view";

describe("viewStatusSnapshot", () => {
  // Expected codes are the fixtures' check-exit-code.txt, each printed by the CLI that printed the body.
  it.each([
    { name: "01", body: case01, check: 0 },
    { name: "01 on 2026.5.28", body: case01v528, check: 0 },
    { name: "01 on 2026.3.23", body: case01v323, check: 0 },
    { name: "02", body: case02, check: 1 },
    { name: "02 on 2026.5.28 (expiring token wins under the old rule)", body: case02v528, check: 2 },
    { name: "02 on 2026.3.23 (rollup over every profile: expired)", body: case02v323, check: 1 },
    { name: "03", body: case03, check: 1 },
    { name: "05", body: case05, check: 0 },
    { name: "06 (error envelope)", body: case06, check: 1 },
    { name: "08 (error envelope)", body: case08, check: 1 },
    { name: "09", body: case09, check: 2 },
  ])("--check of $name is $check", ({ body, check }) => {
    const view = viewStatusSnapshot(structuredClone(body), "/home/unused");
    expect(view.kind === "unreadable" ? view.problem : view.check).toBe(check);
  });

  it("renders OpenClaw's text with the host's home shortened to ~", () => {
    const view = viewStatusSnapshot(case01, "/ignored");
    expect(view.kind).toBe("status");
    if (view.kind !== "status") return;
    expect(view.version).toBe("2026.9.6");
    expect(view.text.split("\n").slice(0, 3)).toEqual([
      "Config        : ~/.openclaw/openclaw.json",
      "Agent dir     : ~/.openclaw/agents/main/agent",
      "Default       : anthropic/claude-opus-4-8",
    ]);
  });

  it("lifts a 2026.3.23 report into the current layout with OpenClaw's recovery hints", () => {
    const view = viewStatusSnapshot(case02v323, "/ignored");
    if (view.kind !== "status") throw new Error(view.kind);
    expect(view.version).toBe("2026.3.23");
    expect(view.status.utilityModel).toEqual({ ref: null, source: "none" });
    expect(view.status.auth.unusableProfiles.map((profile) => profile.recoveryHint)).toEqual([
      "Wait for cooldown or switch provider.",
      "Top up credits (provider billing) or switch provider.",
    ]);
    expect(view.status.auth.oauth.providers[0]?.effectiveProfiles).toHaveLength(4);
    expect(view.text).toContain("Unavailable auth profiles");
  });

  it("shows a CLI refusal as its message", () => {
    expect(viewStatusSnapshot(case08, "/h")).toEqual({
      kind: "cli-error",
      check: 1,
      message: case08.error.message,
    });
  });

  it("says why a stored body can no longer be read", () => {
    expect(viewStatusSnapshot({ configPath: 1 }, "/h")).toEqual({
      kind: "unreadable",
      problem: { path: "configPath", message: "expected string" },
    });
  });

  it("falls back to the hint for a state folder outside ~/.openclaw", () => {
    const body = { ...structuredClone(case01), configPath: "/srv/oc/state/openclaw.json" };
    const view = viewStatusSnapshot(body, "/srv/oc");
    if (view.kind !== "status") throw new Error(view.kind);
    expect(view.text.split("\n")[0]).toBe("Config        : ~/state/openclaw.json");
  });
});
