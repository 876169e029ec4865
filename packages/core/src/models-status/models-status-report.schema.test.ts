import { describe, expect, it } from "vitest";

// The real captures (fixtures/openclaw-status, never edited), imported as JSON: core tests do no file I/O.
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
import { parseModelsStatusReport } from "./models-status-report.schema";

const clone = <T>(value: T): T => structuredClone(value);

describe("every real capture is accepted as the generation that printed it", () => {
  it.each([
    { name: "01 (2026.9.6)", body: case01, version: "2026.9.6" },
    { name: "02 (2026.9.6)", body: case02, version: "2026.9.6" },
    { name: "03 --agent work (2026.9.6)", body: case03, version: "2026.9.6" },
    { name: "05 --agent work (2026.9.6)", body: case05, version: "2026.9.6" },
    { name: "09 (2026.9.6)", body: case09, version: "2026.9.6" },
    { name: "01 (2026.5.28)", body: case01v528, version: "2026.5.28" },
    { name: "02 (2026.5.28)", body: case02v528, version: "2026.5.28" },
    { name: "01 (2026.3.23)", body: case01v323, version: "2026.3.23" },
    { name: "02 (2026.3.23)", body: case02v323, version: "2026.3.23" },
  ])("$name", ({ body, version }) => {
    const result = parseModelsStatusReport(clone(body));
    expect(result).toMatchObject({ ok: true, report: { kind: "status", version } });
  });

  it.each([
    { name: "06 legacy store needs migration", body: case06 },
    { name: "08 invalid multi-agent config", body: case08 },
  ])("the CLI's error envelope: $name", ({ body }) => {
    const result = parseModelsStatusReport(clone(body));
    expect(result).toEqual({ ok: true, report: { kind: "cli-error", envelope: body } });
  });
});

describe("refusals name the first invalid field and never its value", () => {
  const SECRET = "sk-ant-api03-LEAKCANARY";
  const mutate = (edit: (body: Record<string, unknown> & typeof case02) => void) => {
    const body = clone(case02) as Record<string, unknown> & typeof case02;
    edit(body);
    return body;
  };

  it.each([
    { name: "not an object", body: [1, 2], path: "(root)", message: "must be a JSON object" },
    { name: "null", body: null, path: "(root)", message: "must be a JSON object" },
    { name: "empty object", body: {}, path: "configPath", message: "is required" },
    {
      name: "a number where a path belongs",
      body: mutate((body) => Object.assign(body, { configPath: 42 })),
      path: "configPath",
      message: "expected string",
    },
    {
      name: "missing auth",
      body: mutate((body) => delete (body as Partial<typeof body>).auth),
      path: "auth",
      message: "is required",
    },
    {
      name: "an unknown top-level key",
      body: mutate((body) => Object.assign(body, { [SECRET]: true })),
      path: SECRET,
      message: "is not a key OpenClaw prints in any supported version",
    },
    {
      name: "an unknown health status deep inside",
      body: mutate((body) => Object.assign(body.auth.oauth.profiles[1] ?? {}, { status: SECRET })),
      path: "auth.oauth.profiles.1.status",
      message: "is not one of the values OpenClaw prints",
    },
    {
      name: "a string count",
      body: mutate((body) => Object.assign(body.auth.providers[0]?.profiles ?? {}, { count: SECRET })),
      path: "auth.providers.0.profiles.count",
      message: "expected number",
    },
    {
      name: "a 2026.9.6 report missing its recovery hint",
      body: mutate(
        (body) => delete (body.auth.unusableProfiles[0] as { recoveryHint?: string }).recoveryHint,
      ),
      path: "auth.unusableProfiles.0.recoveryHint",
      message: "is required",
    },
    {
      name: "an envelope with ok: true",
      body: { ok: true, error: { type: "cli_error", message: "x" } },
      path: "ok",
      message: "is not one of the values OpenClaw prints",
    },
    {
      name: "an envelope without a message",
      body: { ok: false, error: { type: "cli_error" } },
      path: "error.message",
      message: "is required",
    },
  ])("$name → $path $message", ({ body, path, message }) => {
    const result = parseModelsStatusReport(body);
    expect(result).toEqual({ ok: false, problem: { path, message } });
    if (!result.ok) expect(result.problem.message).not.toContain("LEAKCANARY");
  });

  it("judges a legacy-looking body by the legacy shape it resembles", () => {
    const body = clone(case02v528) as Omit<typeof case02v528, "auth"> & {
      auth: { runtimeAuthRoutes: unknown[] };
    };
    body.auth.runtimeAuthRoutes = [{ provider: "openai" }];
    expect(parseModelsStatusReport(body)).toEqual({
      ok: false,
      problem: { path: "auth.runtimeAuthRoutes.0.runtime", message: "is required" },
    });
  });

  it("refuses a 2026.9.6 key inside an otherwise 2026.3.23 report (mixed generations)", () => {
    const body = { ...clone(case01v323), utilityModel: { ref: null, source: "none" } };
    const result = parseModelsStatusReport(body);
    expect(result).toMatchObject({
      ok: false,
      problem: { path: "auth.modelRouteIssues", message: "is required" },
    });
  });
});
