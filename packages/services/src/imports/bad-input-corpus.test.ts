import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS } from "@clawfleet/core/openclaw-import/import-limits";
import { createTeam } from "@clawfleet/db/testing/factories";
import { readFixtureFolder, statusFixtureCases } from "@clawfleet/db/testing/openclaw-fixtures";
import { tenantDataChecksum } from "@clawfleet/db/testing/tenant-checksum";
import { runQueuedJobsNow } from "../testing/run-queued-jobs";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { commitImport, previewImport } from "./gateway-import";
import { readImportRun, requestImportPreview } from "./import-jobs";

/**
 * A corpus of bad uploads, sent the way the console sends them: stored with a run, then unpacked, checked
 * and planned by the preview job. Each one must be refused with a message that names the problem (and the
 * file), and must leave the team's data exactly as it was: same checksum over every tenant table but the
 * run's own row (which records the refusal), no upload kept, no audit row.
 */

const deps = useServiceTestDeps();
const { db } = deps;

const KEY = `sk-ant-api03-${"k".repeat(90)}`;
const goodConfig = JSON.stringify({
  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-8" } } },
});
const profiles = (entries: Record<string, unknown>, version: unknown = 1) =>
  JSON.stringify({ version, profiles: entries });
const apiKey = (extra: Record<string, unknown> = {}) => ({
  type: "api_key",
  provider: "anthropic",
  key: KEY,
  ...extra,
});
const MIB = 1024 * 1024;

const BAD_TARGET = {
  kind: "new",
  name: "bad",
  homeDir: "/home/o",
  stateDir: "/home/o/.openclaw",
  openclawVersion: "2026.9.6",
} as const;

type BadCase = { name: string; files: { path: string; text: string }[]; expected: RegExp };

const withConfig = (...files: { path: string; text: string }[]) => [
  { path: "openclaw.json", text: goodConfig },
  ...files,
];

const corpus: BadCase[] = [
  {
    name: "malformed JSON5 in openclaw.json",
    files: [{ path: "openclaw.json", text: "{ agents: { defaults: }\n}" }],
    expected: /openclaw\.json.*line 1/su,
  },
  {
    name: "unterminated string",
    files: [{ path: "openclaw.json", text: '{\n  auth: "oops\n}' }],
    expected: /openclaw\.json.*invalid character.*line 3/su,
  },
  { name: "trailing garbage", files: [{ path: "openclaw.json", text: "{} }" }], expected: /openclaw\.json/u },
  {
    name: "malformed shared store",
    files: withConfig({ path: "shared-auth-profiles.json", text: "{ version: 1, profiles: { " }),
    expected: /shared-auth-profiles\.json/u,
  },
  {
    name: "malformed state document",
    files: withConfig({ path: "shared-auth-state.json", text: "[1, 2" }),
    expected: /shared-auth-state\.json/u,
  },
  {
    name: "malformed agent store",
    files: withConfig({ path: "agents/main/auth-profiles.json", text: "{ version: 1, profiles: x }" }),
    expected: /agents\/main\/auth-profiles\.json/u,
  },
  {
    name: "__proto__ key in config",
    files: [{ path: "openclaw.json", text: '{ "__proto__": { "polluted": true } }' }],
    expected: /"__proto__" is not allowed/u,
  },
  {
    name: "constructor key in config",
    files: [{ path: "openclaw.json", text: "{ agents: { constructor: {} } }" }],
    expected: /"constructor" is not allowed/u,
  },
  {
    name: "prototype key in store",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: '{ "version": 1, "profiles": {}, "prototype": 1 }',
    }),
    expected: /"prototype" is not allowed/u,
  },
  {
    name: "__proto__ nested in a profile",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: `{ "version": 1, "profiles": { "anthropic:a": { "type": "api_key", "provider": "anthropic", "__proto__": {} } } }`,
    }),
    expected: /"__proto__" is not allowed/u,
  },
  {
    name: "unknown profile type",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: profiles({ "anthropic:a": { type: "password", provider: "anthropic" } }),
    }),
    expected: /unknown profile type "password"/u,
  },
  {
    name: "profile without type",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: profiles({ "anthropic:a": { provider: "anthropic", key: KEY } }),
    }),
    expected: /unknown profile type null/u,
  },
  {
    name: "unknown type in an agent store",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({ agents: { ownership: "explicit", entries: { work: {} } } }),
      },
      {
        path: "agents/work/auth-profiles.json",
        text: profiles({ "openai:x": { type: "aws-sdk", provider: "openai" } }),
      },
    ],
    expected: /agents\/work\/auth-profiles\.json.*unknown profile type "aws-sdk"/su,
  },
  {
    name: "profile without provider",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: profiles({ "anthropic:a": { type: "api_key", key: KEY } }),
    }),
    expected: /profile has no provider/u,
  },
  {
    name: "profile id without provider prefix",
    files: withConfig({ path: "shared-auth-profiles.json", text: profiles({ nocolon: apiKey() }) }),
    expected: /Profile id "nocolon" is refused: OpenClaw profile ids are <provider>:<name>/u,
  },
  ...[
    "anthropic:$(curl x)",
    "anthropic:`id`",
    "anthropic:a;id",
    "anthropic:o'brien",
    "anthropic:a\nb",
    "anthropic:ünï",
  ].map((profileId) => ({
    name: `hostile profile id ${JSON.stringify(profileId)}`,
    files: withConfig({ path: "shared-auth-profiles.json", text: profiles({ [profileId]: apiKey() }) }),
    expected: /Profile id ".*" is refused: OpenClaw profile ids/u,
  })),
  {
    name: "hostile provider id",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: profiles({ "anthropic:default": apiKey({ provider: "anthropic;curl x" }) }),
    }),
    expected: /Provider id "anthropic;curl x" is refused/u,
  },
  {
    name: "hostile profile id in the state document's usageStats",
    files: withConfig({
      path: "shared-auth-state.json",
      text: JSON.stringify({ version: 1, usageStats: { "openai:$(curl x)": { errorCount: 1 } } }),
    }),
    expected: /shared-auth-state\.json.*Profile id "openai:\$\(curl x\)" is refused/su,
  },
  {
    name: "hostile profile id in openclaw.json auth.profiles",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({
          auth: { profiles: { "openai:`id`": { provider: "openai", mode: "oauth" } } },
        }),
      },
    ],
    expected: /openclaw\.json.*Profile id "openai:`id`" is refused/su,
  },
  {
    name: "store document version 2",
    files: withConfig({ path: "shared-auth-profiles.json", text: profiles({}, 2) }),
    expected: /unsupported document version 2/u,
  },
  {
    name: "store document version as text",
    files: withConfig({ path: "shared-auth-profiles.json", text: profiles({}, "1") }),
    expected: /shared-auth-profiles\.json.*version/su,
  },
  {
    name: "store document without version",
    files: withConfig({ path: "shared-auth-profiles.json", text: JSON.stringify({ profiles: {} }) }),
    expected: /shared-auth-profiles\.json.*version/su,
  },
  {
    name: "state document version 3",
    files: withConfig({
      path: "shared-auth-state.json",
      text: JSON.stringify({ version: 3, usageStats: {} }),
    }),
    expected: /unsupported document version 3/u,
  },
  {
    name: "agent state document version 0",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({ agents: { ownership: "explicit", entries: { work: {} } } }),
      },
      { path: "agents/work/auth-state.json", text: JSON.stringify({ version: 0 }) },
    ],
    expected: /agents\/work\/auth-state\.json.*version/su,
  },
  {
    name: "duplicate profile ids differing in case",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: profiles({ "anthropic:Work": apiKey(), "anthropic:work": apiKey() }),
    }),
    expected: /duplicate profile id/u,
  },
  {
    name: "duplicate agent ids in agents.list",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({ agents: { list: [{ id: "main", default: true }, { id: "main" }] } }),
      },
    ],
    expected: /duplicate agent id "main"/u,
  },
  {
    name: "agent in both entries and list",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({
          agents: { ownership: "explicit", entries: { work: {} }, list: [{ id: "work" }] },
        }),
      },
    ],
    expected: /duplicate agent id "work"/u,
  },
  {
    name: "the same file twice",
    files: [
      { path: "openclaw.json", text: goodConfig },
      { path: "openclaw.json", text: goodConfig },
    ],
    expected: /Duplicate file/u,
  },
  {
    name: "one agent store in both layouts",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({ agents: { ownership: "explicit", entries: { work: {} } } }),
      },
      { path: "agents/work/auth-profiles.json", text: profiles({}) },
      { path: "agents/work/agent/auth-profiles.json", text: profiles({}) },
    ],
    expected: /duplicate store for agent "work"/u,
  },
  {
    name: "invalid agent id in config",
    files: [{ path: "openclaw.json", text: JSON.stringify({ agents: { entries: { "Bad Agent": {} } } }) }],
    expected: /agent id must match/u,
  },
  {
    name: "agent folder with an invalid id",
    files: withConfig({ path: "agents/BAD/auth-profiles.json", text: profiles({}) }),
    expected: /"BAD" is not a valid agent id/u,
  },
  {
    name: "store of an agent the config does not declare",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({ agents: { ownership: "explicit", entries: { main: {} } } }),
      },
      { path: "agents/ghost/auth-profiles.json", text: profiles({}) },
    ],
    expected: /agent "ghost" has a credential store but is not configured/u,
  },
  {
    name: "wrong type for agents.defaults.model",
    files: [{ path: "openclaw.json", text: "{\n  agents: {\n    defaults: { model: 42 },\n  },\n}" }],
    expected: /openclaw\.json.*agents\.defaults\.model.*line 3/su,
  },
  {
    name: "unknown key in a strict config object",
    files: [{ path: "openclaw.json", text: JSON.stringify({ auth: { profiles: {}, secrets: {} } }) }],
    expected: /openclaw\.json.*auth/su,
  },
  {
    name: "bad auth.profiles mode",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({
          auth: { profiles: { "anthropic:a": { provider: "anthropic", mode: "magic" } } },
        }),
      },
    ],
    expected: /auth\.profiles/u,
  },
  {
    name: "usageStats with a negative error count",
    files: withConfig({
      path: "shared-auth-state.json",
      text: JSON.stringify({ version: 1, usageStats: { "anthropic:a": { errorCount: -1 } } }),
    }),
    expected: /shared-auth-state\.json.*errorCount/su,
  },
  {
    name: "order that is not a list",
    files: withConfig({
      path: "shared-auth-state.json",
      text: JSON.stringify({ version: 1, order: { anthropic: "anthropic:a" } }),
    }),
    expected: /shared-auth-state\.json.*order/su,
  },
  {
    name: "oversized file",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: `{"version":1,"profiles":{},"pad":"${"x".repeat(IMPORT_LIMITS.maxFileBytes + 10)}"}`,
    }),
    expected: /too large.*64 MiB per file/u,
  },
  {
    name: "oversized upload in total",
    files: [
      { path: "openclaw.json", text: goodConfig },
      ...Array.from({ length: 3 }, (_, index) => ({
        path: `legacy-files/pad-${index}.json`,
        text: `"${"x".repeat(22 * MIB)}"`,
      })),
    ],
    expected: /66\.0 MiB in all.*64 MiB per import/u,
  },
  {
    name: "too many files",
    files: Array.from({ length: IMPORT_LIMITS.maxFiles + 1 }, (_, index) => ({
      path: `legacy-files/f${index}.json`,
      text: "{}",
    })),
    expected: /Too many files: 200001.*200000 files per import/u,
  },
  { name: "no files at all", files: [], expected: /No files were uploaded/u },
  {
    name: "path traversal",
    files: withConfig({ path: "../etc/passwd.json", text: "{}" }),
    expected: /path traversal/u,
  },
  {
    name: "absolute path",
    files: withConfig({ path: "/etc/openclaw.json", text: "{}" }),
    expected: /absolute path/u,
  },
  {
    name: "windows absolute path",
    files: withConfig({ path: "C:/state/openclaw.json", text: "{}" }),
    expected: /absolute path/u,
  },
  {
    name: "backslash path",
    files: withConfig({ path: "agents\\main\\auth-profiles.json", text: "{}" }),
    expected: /backslash/u,
  },
  {
    name: "control character in a path",
    files: withConfig({ path: "agents/ma\u0000in/auth-profiles.json", text: "{}" }),
    expected: /control character/u,
  },
  {
    name: "no openclaw.json",
    files: [{ path: "shared-auth-profiles.json", text: profiles({}) }],
    expected: /openclaw\.json is missing/u,
  },
  {
    name: "openclaw.json with more agents than the import limit",
    files: [
      {
        path: "openclaw.json",
        text: JSON.stringify({
          agents: {
            entries: Object.fromEntries(
              Array.from({ length: IMPORT_LIMITS.maxAgents + 1 }, (_, index) => [`a${index}`, {}]),
            ),
          },
        }),
      },
    ],
    expected: /openclaw\.json: agents: Too many agents: 100,001 \(the limit is 100,000 agents per import\)/u,
  },
  {
    name: "openclaw.json nested 300,000 levels deep",
    files: [{ path: "openclaw.json", text: `{"agents": ${"[".repeat(300_000)}${"]".repeat(300_000)}}` }],
    expected: /openclaw\.json: agents\[0\].*nested more than 100 levels deep.*\(line 1\)/u,
  },
  {
    name: "an escaped lone surrogate in a store",
    files: withConfig({
      path: "shared-auth-profiles.json",
      text: '{"version": 1, "profiles": {"anthropic:default": {"type": "api_key", "provider": "anthropic", "key": "\\ud800"}}}',
    }),
    expected: /shared-auth-profiles\.json: profiles\["anthropic:default"\]\.key: .*lone UTF-16 surrogate/u,
  },
  {
    name: "a duplicate key in openclaw.json",
    files: [{ path: "openclaw.json", text: '{\n  "agents": {"entries": {"work": {}, "work": {}}}\n}' }],
    expected: /openclaw\.json: agents\.entries\.work: Duplicate key "work".*\(line 2\)/u,
  },
  {
    name: "config that is an array",
    files: [{ path: "openclaw.json", text: "[]" }],
    expected: /openclaw\.json/u,
  },
];

describe("the bad-input corpus", () => {
  it("has at least 40 cases", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)(
    "refuses $name through the preview job and changes nothing",
    async ({ files, expected }) => {
      const team = await createTeam(db);
      const withoutRuns = (checksum: string) =>
        checksum
          .split("\n")
          .filter((line) => !line.startsWith("ImportRun:"))
          .join("\n");
      const before = withoutRuns(await tenantDataChecksum(db, team.id));
      const caller = testCaller(team.id);
      const { importRunId } = await requestImportPreview(deps, caller, {
        target: BAD_TARGET,
        upload: { files },
      });
      expect(await runQueuedJobsNow(deps)).toBe(1);
      const run = await readImportRun(deps, caller, { importRunId });
      expect(run).toMatchObject({ status: "failed", planHash: null, summary: null });
      expect(run.error).toMatch(/refused; nothing was changed/u);
      const text = run.errors
        .map((issue) => `${issue.file}: ${issue.path}: ${issue.message} (line ${issue.line ?? "-"})`)
        .join("\n");
      expect(text).toMatch(expected);
      expect(withoutRuns(await tenantDataChecksum(db, team.id))).toBe(before);
      expect(await db.importUpload.count({ where: { teamId: team.id } })).toBe(0);
      expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(0);
    },
  );
});

describe("text with a raw lone surrogate (finding 12)", () => {
  it.each([
    {
      name: "in a file",
      files: [{ path: "openclaw.json", text: '{"agents": {"defaults": {"name": "x\udc00"}}}' }],
    },
    {
      name: "in a file name",
      files: withConfig({ path: "agents/ma\ud800in/auth-profiles.json", text: "{}" }),
    },
  ])("is refused $name when the upload is sent, before anything is stored", async ({ files }) => {
    const team = await createTeam(db);
    const before = await tenantDataChecksum(db, team.id);
    await expect(
      requestImportPreview(deps, testCaller(team.id), {
        target: BAD_TARGET,
        upload: { files },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/lone UTF-16 surrogate/u) as unknown,
    });
    expect(await tenantDataChecksum(db, team.id)).toBe(before);
  });
});

describe("a commit whose files no longer match the preview", () => {
  it("is refused with CONFLICT and changes nothing", async () => {
    const [fixture] = statusFixtureCases();
    if (!fixture) throw new Error("no fixtures");
    const team = await createTeam(db);
    const target = {
      kind: "new" as const,
      name: "gw",
      homeDir: "/home/o",
      stateDir: "/home/o/.openclaw",
      openclawVersion: "2026.9.6",
    };
    const preview = await previewImport(deps, testCaller(team.id), { target, files: fixture.files });
    if (!preview.ok) throw new Error("preview failed");
    const before = await tenantDataChecksum(db, team.id);
    const changed = fixture.files.map((file) =>
      file.path === "openclaw.json" ? { ...file, text: goodConfig } : file,
    );
    await expect(
      commitImport(deps, testCaller(team.id), {
        importRunId: preview.importRunId,
        planHash: preview.planHash,
        files: changed,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await tenantDataChecksum(db, team.id)).toBe(before);
  });

  it("a bad file at commit time is refused and nothing changes", async () => {
    const folder = statusFixtureCases()[0]?.inputDir ?? "";
    const files = readFixtureFolder(folder);
    const team = await createTeam(db);
    const target = {
      kind: "new" as const,
      name: "gw",
      homeDir: "/home/o",
      stateDir: "/home/o/.openclaw",
      openclawVersion: "2026.9.6",
    };
    const preview = await previewImport(deps, testCaller(team.id), { target, files });
    if (!preview.ok) throw new Error("preview failed");
    const before = await tenantDataChecksum(db, team.id);
    const broken = files.map((file) =>
      file.path === "openclaw.json" ? { ...file, text: "{ broken" } : file,
    );
    await expect(
      commitImport(deps, testCaller(team.id), {
        importRunId: preview.importRunId,
        planHash: preview.planHash,
        files: broken,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("openclaw.json") as unknown,
    });
    expect(await tenantDataChecksum(db, team.id)).toBe(before);
  });
});
