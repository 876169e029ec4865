import { describe, expect, it } from "vitest";

import case02 from "../../../../fixtures/openclaw-status/02-mixed-token-oauth-cooldown-disabled/output/stdout.json";
import case02v528 from "../../../../fixtures/openclaw-status/02-mixed-token-oauth-cooldown-disabled/output-v2026.5.28-legacy-json/stdout.json";
import case06 from "../../../../fixtures/openclaw-status/06-legacy-auth-profiles-json-unmigrated/output/stdout.json";
import { diffModelsStatus, normaliseHostPath, sameModelsStatus } from "./diff-models-status";

type Status = typeof case02;
const copy = (): Status => structuredClone(case02);

describe("diffModelsStatus", () => {
  it("finds nothing between a report and itself", () => {
    expect(diffModelsStatus(case02, copy())).toEqual([]);
  });

  it("reports a changed scalar, an added and a removed field with their values", () => {
    const right = copy() as Status & { agentId?: string };
    right.defaultModel = "anthropic/claude-sonnet-5";
    right.agentId = "main";
    delete (right as Partial<Status>).imageModel;
    expect(diffModelsStatus(case02, right)).toEqual([
      {
        path: "defaultModel",
        kind: "changed",
        left: "anthropic/claude-opus-4-8",
        right: "anthropic/claude-sonnet-5",
      },
      { path: "imageModel", kind: "removed", left: "anthropic/claude-sonnet-5" },
      { path: "agentId", kind: "added", right: "main" },
    ]);
  });

  it("treats fallbacks as an ordered list (order is OpenClaw's try order)", () => {
    const right = copy();
    right.fallbacks.reverse();
    expect(diffModelsStatus(case02, right).map((entry) => entry.path)).toEqual([
      "fallbacks[0]",
      "fallbacks[1]",
    ]);
  });

  it("treats effectiveProfiles as ordered (auth order) but oauth profiles as a set", () => {
    const right = copy();
    right.auth.oauth.profiles.reverse();
    right.auth.providers.reverse();
    right.auth.unusableProfiles.reverse();
    right.allowed.reverse();
    expect(diffModelsStatus(case02, right)).toEqual([]);
    const anthropic = right.auth.oauth.providers[0];
    anthropic?.effectiveProfiles.reverse();
    const reordered = diffModelsStatus(case02, right).map(({ path, kind, left, right: after }) => ({
      path,
      kind,
      from: (left as { profileId: string }).profileId,
      to: (after as { profileId: string }).profileId,
    }));
    expect(reordered).toEqual([
      {
        path: "auth.oauth.providers[anthropic].effectiveProfiles[0]",
        kind: "changed",
        from: "anthropic:sub",
        to: "anthropic:default",
      },
      {
        path: "auth.oauth.providers[anthropic].effectiveProfiles[2]",
        kind: "changed",
        from: "anthropic:default",
        to: "anthropic:sub",
      },
    ]);
  });

  it("names set members by identity: a profile that left the cooldown list is 'removed'", () => {
    const right = copy();
    right.auth.unusableProfiles.shift();
    right.allowed.push("anthropic/claude-haiku-4-5");
    expect(diffModelsStatus(case02, right)).toEqual([
      { path: "allowed[anthropic/claude-haiku-4-5]", kind: "added", right: "anthropic/claude-haiku-4-5" },
      {
        path: "auth.unusableProfiles[openai:default]",
        kind: "removed",
        left: case02.auth.unusableProfiles[0],
      },
    ]);
  });

  it("tolerates remainingMs within 60 s by default, and reports it beyond", () => {
    const right = copy();
    const sub = right.auth.oauth.profiles[2];
    if (sub) sub.remainingMs = (sub.remainingMs ?? 0) - 59_000;
    expect(diffModelsStatus(case02, right)).toEqual([]);
    if (sub) sub.remainingMs = (sub.remainingMs ?? 0) - 2_000;
    expect(diffModelsStatus(case02, right)).toEqual([
      expect.objectContaining({ path: "auth.oauth.profiles[anthropic:sub].remainingMs", kind: "changed" }),
    ]);
    expect(diffModelsStatus(case02, right, { remainingMsToleranceMs: 120_000 })).toEqual([]);
  });

  it("compares remainingMs as deadlines when told when each side was taken", () => {
    const hourLater = copy();
    for (const profile of hourLater.auth.oauth.profiles)
      if (profile.remainingMs) profile.remainingMs -= 3_600_000;
    expect(diffModelsStatus(case02, hourLater)).toHaveLength(2);
    expect(diffModelsStatus(case02, hourLater, { takenAtMs: { left: 0, right: 3_600_000 } })).toEqual([]);
    expect(diffModelsStatus(case02, hourLater, { takenAtMs: { left: 0, right: 3_500_000 } })).toHaveLength(2);
  });

  it("ignores label countdowns but not the kind of window", () => {
    const right = copy();
    const openai = right.auth.providers[1]?.profiles;
    if (openai) openai.labels = ["openai:default=sk-proj-...x-JjKkLl [cooldown 3m]"];
    expect(diffModelsStatus(case02, right)).toEqual([]);
    if (openai) openai.labels = ["openai:default=sk-proj-...x-JjKkLl [disabled:billing 3m]"];
    expect(diffModelsStatus(case02, right).map((entry) => entry.path)).toEqual([
      "auth.providers[openai].profiles.labels[openai:default]",
    ]);
  });

  it("compares host paths after replacing the home folder, so two hosts with other homes agree", () => {
    const right = copy();
    right.configPath = "/home/openclaw/.openclaw/openclaw.json";
    right.agentDir = "/srv/oc/.openclaw/agents/main/agent";
    right.auth.storePath = "/root/.openclaw/state/openclaw.sqlite";
    expect(diffModelsStatus(case02, right)).toEqual([]);
    right.auth.storePath = "/root/.openclaw/agents/main/agent/openclaw-agent.sqlite";
    expect(diffModelsStatus(case02, right).map((entry) => entry.path)).toEqual(["auth.storePath"]);
  });

  it("uses explicit home folders when the state dir is not under .openclaw", () => {
    expect(normaliseHostPath("/srv/state/openclaw.json", "/srv")).toBe("~/state/openclaw.json");
    expect(normaliseHostPath("/srv/state/openclaw.json", undefined)).toBe("/srv/state/openclaw.json");
    const left = { configPath: "/a/state/openclaw.json" };
    const right = { configPath: "/b/state/openclaw.json" };
    expect(diffModelsStatus(left, right)).toHaveLength(1);
    expect(diffModelsStatus(left, right, { homeDirs: { left: "/a", right: "/b" } })).toEqual([]);
  });

  it("skips ignored paths and whole subtrees", () => {
    const right = copy();
    right.auth.oauth.warnAfterMs = 1;
    right.defaultModel = "x/y";
    expect(diffModelsStatus(case02, right, { ignorePaths: ["auth.oauth", "defaultModel"] })).toEqual([]);
    expect(diffModelsStatus(case02, right, { ignorePaths: ["auth.oauth.warnAfterMs"] })).toHaveLength(1);
  });

  it("shows what a newer CLI adds over 2026.5.28 output of the same inputs", () => {
    const paths = diffModelsStatus(case02v528, case02).map((entry) => `${entry.kind} ${entry.path}`);
    expect(paths).toContain("added utilityModel");
    expect(paths).toContain("added auth.modelRouteIssues");
    expect(paths).toContain("changed auth.storePath");
    expect(paths).toContain("added auth.unusableProfiles[openai:default].recoveryHint");
    expect(paths).toContain("changed auth.runtimeAuthRoutes[openai via codex].status");
  });

  it("compares an error envelope with a status field by field", () => {
    const paths = diffModelsStatus(case06, case02).map((entry) => `${entry.kind} ${entry.path}`);
    expect(paths.slice(0, 3)).toEqual(["removed ok", "removed error", "added configPath"]);
  });
});

describe("sameModelsStatus", () => {
  it("ignores any countdown drift but not a state change", () => {
    const later = copy();
    for (const profile of later.auth.oauth.profiles)
      if (profile.remainingMs) profile.remainingMs -= 3_600_000;
    expect(sameModelsStatus(case02, later)).toBe(true);
    const sub = later.auth.oauth.profiles[2];
    if (sub) sub.status = "expired";
    expect(sameModelsStatus(case02, later)).toBe(false);
  });
});
