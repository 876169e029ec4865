import { gzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import { statusJsonDifferences } from "@clawfleet/core/models-status/status-parity";
import { FIXTURE_HOME, statusFixtureCases } from "@clawfleet/db/testing/openclaw-fixtures";
import { tenantDataChecksum } from "@clawfleet/db/testing/tenant-checksum";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { computeAgentModelsStatus } from "@clawfleet/services/statuses/agent-models-status";
import { teamWithMembers } from "../../testing/caller";
import {
  type ImportInput,
  commitThroughJobs,
  importThroughJobs,
  previewThroughJobs,
} from "../../testing/import-through-jobs";
import { invokeProcedure } from "../../testing/procedure-samples";

const db = useTestDb();

/** A team member's procedures by path, for the job-following import helpers. */
function callsOf(caller: ReturnType<Awaited<ReturnType<typeof teamWithMembers>>["as"]>) {
  return (path: string, input?: unknown) => invokeProcedure(caller, path, input);
}

const preview = (caller: Parameters<typeof callsOf>[0], input: ImportInput) =>
  previewThroughJobs(callsOf(caller), db, input);
const importAll = (caller: Parameters<typeof callsOf>[0], input: ImportInput) =>
  importThroughJobs(callsOf(caller), db, input);
const cases = statusFixtureCases();
/** gatewayEditSchema wants an absolute home; the fixtures' `<TMP>/home` is restored before comparing. */
const HOME = "/tmp/clawfleet-fixture-home";

type Upload = { files: { path: string; text: string }[] } | { archive: { name: string; base64: string } };

function newGateway(name: string) {
  return { newGateway: { name, homeDir: HOME, openclawVersion: "2026.9.6" } };
}

/** Every secret value in a set of files (the fields OpenClaw keeps secrets in), for leak scans. */
function secretsIn(files: { path: string; text: string }[]): string[] {
  const secrets: string[] = [];
  for (const file of files) {
    for (const match of file.text.matchAll(/"(?:key|token|access|refresh)"\s*:\s*"([^"]{8,})"/gu))
      if (match[1]) secrets.push(match[1]);
  }
  return secrets;
}

function expectNoSecrets(response: unknown, secrets: readonly string[]) {
  const text = JSON.stringify(response);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    // why: the distinctive middle of a fake secret (e.g. EXAMPLEKEY) must not leak either.
    expect(text).not.toContain(secret.slice(13, 30));
  }
}

function normalized(outcome: ModelsStatusOutcome): unknown {
  return JSON.parse(JSON.stringify(outcome.ok ? outcome.status : outcome).replaceAll(HOME, FIXTURE_HOME));
}

/** A ustar archive of `files` (and optional raw entries), for the archive reader's tests. */
function tar(entries: { name: string; text?: string; type?: string; linkName?: string }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const entry of entries) {
    const data = encoder.encode(entry.text ?? "");
    const header = new Uint8Array(512);
    header.set(encoder.encode(entry.name).subarray(0, 100), 0);
    header.set(encoder.encode("0000644\0"), 100);
    header.set(encoder.encode(`${data.length.toString(8).padStart(11, "0")}\0`), 124);
    header.set(encoder.encode(entry.type ?? "0"), 156);
    if (entry.linkName) header.set(encoder.encode(entry.linkName), 157);
    header.set(encoder.encode("ustar\0"), 257);
    let sum = 0;
    for (let index = 0; index < 512; index += 1)
      sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
    header.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const total = blocks.reduce((sum, block) => sum + block.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const block of blocks) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describe.each(cases)("imports.preview + imports.commit of fixture $name", (testCase) => {
  it("computes the real CLI's output for the case's agent, and never answers with a secret", async () => {
    const { team, as } = await teamWithMembers(db);
    const admin = as("admin");
    const upload: Upload = { files: testCase.files };
    const queued = await admin.imports.preview({
      target: newGateway(`gw-${testCase.name.slice(0, 2)}`),
      upload,
    });
    expect(Object.keys(queued)).toEqual(["importRunId"]);
    const previewed = await preview(admin, { target: newGateway(`gx-${testCase.name.slice(0, 2)}`), upload });
    expect(previewed).toMatchObject({ status: "previewed", errors: [] });
    const done = await commitThroughJobs(callsOf(admin), db, previewed);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    expect(done.doneSteps).toBe(done.totalSteps);
    const gatewayId = done.gatewayId ?? "";
    const exported = await admin.exports.gatewaySnippet({ gatewayId });
    const secrets = secretsIn(testCase.files);
    for (const response of [queued, previewed, done, exported]) expectNoSecrets(response, secrets);

    const agent = await db.agent.findFirstOrThrow({
      where: {
        gatewayId,
        ...(testCase.agentArg ? { agentKey: testCase.agentArg } : { isDefault: true }),
      },
    });
    const outcome = await computeAgentModelsStatus(db, {
      teamId: team.id,
      agentId: agent.id,
      now: testCase.now,
    });
    expect(statusJsonDifferences(normalized(outcome), testCase.expectedStdout)).toEqual([]);
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "gateway.import" } })).toBe(1);
  });
});

describe("imports router", () => {
  const fixture = cases.find((testCase) => testCase.name.startsWith("02")) ?? cases[0];
  if (!fixture) throw new Error("no fixtures");

  it("is admin only", async () => {
    const { as } = await teamWithMembers(db);
    await expect(
      as("operator").imports.preview({ target: newGateway("x"), upload: { files: fixture.files } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("names the field of a bad new gateway (an empty name), and starts nothing", async () => {
    const { as, team } = await teamWithMembers(db);
    const before = await tenantDataChecksum(db, team.id);
    const refused = await as("admin")
      .imports.preview({ target: newGateway("  "), upload: { files: fixture.files } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      cause: {
        issues: [
          expect.objectContaining({ path: ["target", "newGateway", "name"], message: "Name is required." }),
        ],
      },
    });
    await expect(
      as("admin").imports.preview({
        target: { gatewayId: "5b0a3c8e-7f1d-4a53-9d0e-2f6b7c1e4a90", ...newGateway("both") },
        upload: { files: fixture.files },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await tenantDataChecksum(db, team.id)).toBe(before);
  });

  it("answers NOT_FOUND for another team's gateway or import run", async () => {
    const owner = await teamWithMembers(db);
    const other = await teamWithMembers(db);
    const upload = { files: fixture.files };
    const previewed = await preview(owner.as("admin"), { target: newGateway("mine"), upload });
    await expect(other.as("admin").imports.run({ importRunId: previewed.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      other.as("admin").imports.commit({ importRunId: previewed.id, planHash: previewed.planHash ?? "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { gatewayId } = await commitThroughJobs(callsOf(owner.as("admin")), db, previewed);
    await expect(
      other.as("admin").imports.preview({ target: { gatewayId: gatewayId ?? "" }, upload }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      other.as("admin").exports.gatewaySnippet({ gatewayId: gatewayId ?? "" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("previews changes against an existing gateway, and refuses a commit after the gateway changed", async () => {
    const { team, as } = await teamWithMembers(db);
    const admin = as("admin");
    const { gatewayId } = await importAll(admin, {
      target: newGateway("prod"),
      upload: { files: fixture.files },
    });

    const edited = {
      files: fixture.files.map((file) =>
        file.path === "openclaw.json"
          ? { ...file, text: file.text.replace('"cacheRetention": "long"', '"cacheRetention": "short"') }
          : file,
      ),
    };
    const stale = await preview(admin, { target: { gatewayId }, upload: edited });
    expect(stale.summary?.params.update).toBe(1);
    expect(stale.changes).toContainEqual({
      kind: "update",
      entity: "param",
      id: 'agents.defaults.models["anthropic/claude-opus-4-8"].params.cacheRetention',
    });
    expect(stale.summary?.profiles).toMatchObject({ create: 0, update: 0, remove: 0, unchanged: 6 });

    // Someone else imports in between: the previewed plan no longer holds.
    await importAll(admin, {
      target: { gatewayId },
      upload: { files: fixture.files.filter((file) => !file.path.includes("auth-state")) },
    });
    const before = await tenantDataChecksum(db, team.id);
    const refused = await commitThroughJobs(callsOf(admin), db, stale);
    expect(refused).toMatchObject({
      status: "failed",
      error: expect.stringContaining("changed since the preview") as unknown,
    });
    const after = await tenantDataChecksum(db, team.id);
    // Only the refused run's own rows moved (its status, its deleted upload); no gateway, agent or profile row did.
    const data = (checksum: string) => checksum.split("\n").filter((line) => !line.startsWith("Import"));
    expect(data(after)).toEqual(data(before));
  });

  it("warns about a setup-token in an api_key profile, a missing order entry, a shared OAuth identity and a provider without credentials", async () => {
    const { as } = await teamWithMembers(db);
    const oauth = {
      type: "oauth",
      provider: "anthropic",
      access: `sk-ant-oat01-${"a".repeat(90)}`,
      refresh: `sk-ant-ort01-${"r".repeat(90)}`,
      expires: 4_102_444_800_000,
      email: "ops@example.com",
    };
    const files = [
      {
        path: "openclaw.json",
        text: JSON.stringify({
          agents: {
            ownership: "explicit",
            defaults: { model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["openai/gpt-5.5"] } },
            entries: { a: {}, b: {} },
          },
          auth: { order: { anthropic: ["anthropic:gone", "anthropic:default"] } },
        }),
      },
      {
        path: "shared-auth-profiles.json",
        text: JSON.stringify({
          version: 1,
          profiles: {
            "anthropic:default": {
              type: "api_key",
              provider: "anthropic",
              key: `sk-ant-oat01-${"t".repeat(90)}`,
            },
          },
        }),
      },
      {
        path: "agents/a/auth-profiles.json",
        text: JSON.stringify({ version: 1, profiles: { "anthropic:ops": oauth } }),
      },
      {
        path: "agents/b/auth-profiles.json",
        text: JSON.stringify({ version: 1, profiles: { "anthropic:ops": oauth } }),
      },
    ];
    const previewed = await preview(as("admin"), { target: newGateway("warn"), upload: { files } });
    const messages = previewed.warnings.map((warning) => warning.message).join("\n");
    expect(messages).toContain("holds a Claude setup-token");
    expect(messages).toContain("names anthropic:gone, which no store holds");
    expect(messages).toContain(
      "one OAuth identity (anthropic email ops@example.com) is signed in separately in 2 agents' stores (a, b)",
    );
    expect(messages).toContain("provider openai is used by 2 agents (a, b) but has no credential");
    expectNoSecrets(previewed, secretsIn(files));
  });

  it("imports a .tar.gz and a .zip of a state folder, in the JSON-era layout too", async () => {
    const { as } = await teamWithMembers(db);
    const jsonEra = [
      { name: ".openclaw/", type: "5" },
      {
        name: ".openclaw/openclaw.json",
        text: fixture.files.find((file) => file.path === "openclaw.json")?.text ?? "{}",
      },
      {
        name: ".openclaw/agents/main/agent/auth-profiles.json",
        text: fixture.files.find((file) => file.path === "shared-auth-profiles.json")?.text ?? "{}",
      },
      { name: ".openclaw/state/openclaw.sqlite", text: "SQLite format 3\0" },
    ];
    const tgz = await preview(as("admin"), {
      target: newGateway("tgz"),
      upload: { archive: { name: "state.tgz", base64: base64(gzipSync(tar(jsonEra))) } },
    });
    expect(tgz.errors).toEqual([]);
    expect(tgz.summary?.profiles.create).toBe(6);
    const zip = zipSync(
      Object.fromEntries(
        fixture.files.map((file) => [`rendered-input/${file.path}`, new TextEncoder().encode(file.text)]),
      ),
    );
    const zipped = await preview(as("admin"), {
      target: newGateway("zip"),
      upload: { archive: { name: "state.zip", base64: base64(zip) } },
    });
    expect(zipped.errors).toEqual([]);
    expect(zipped.summary?.agents.create).toBe(1);
  });

  it.each([
    {
      name: "traversal in a tar",
      archive: () => ({
        name: "s.tar.gz",
        base64: base64(gzipSync(tar([{ name: "../../etc/openclaw.json", text: "{}" }]))),
      }),
      expected:
        /"\.\.\/\.\.\/etc\/openclaw\.json" was refused: a `\.\.` or `\.` path segment \(path traversal\)/u,
    },
    {
      name: "absolute path in a tar",
      archive: () => ({
        name: "s.tgz",
        base64: base64(gzipSync(tar([{ name: "/etc/openclaw.json", text: "{}" }]))),
      }),
      expected: /absolute path/u,
    },
    {
      name: "symlink in a tar",
      archive: () => ({
        name: "s.tgz",
        base64: base64(gzipSync(tar([{ name: "openclaw.json", type: "2", linkName: "/etc/passwd" }]))),
      }),
      expected: /is a link; links are refused/u,
    },
    {
      name: "hard link in a tar",
      archive: () => ({
        name: "s.tgz",
        base64: base64(gzipSync(tar([{ name: "openclaw.json", type: "1", linkName: "x" }]))),
      }),
      expected: /is a link/u,
    },
    {
      name: "device file in a tar",
      archive: () => ({ name: "s.tgz", base64: base64(gzipSync(tar([{ name: "dev.json", type: "3" }]))) }),
      expected: /special file/u,
    },
    {
      name: "traversal in a zip",
      archive: () => ({
        name: "s.zip",
        base64: base64(zipSync({ "../openclaw.json": new TextEncoder().encode("{}") })),
      }),
      expected: /path traversal/u,
    },
    {
      name: "symlink in a zip",
      archive: () => ({
        name: "s.zip",
        base64: base64(
          zipSync({
            "openclaw.json": [
              new TextEncoder().encode("/etc/passwd"),
              { os: 3, attrs: (0o120777 << 16) >>> 0 },
            ],
          }),
        ),
      }),
      expected: /symbolic link/u,
    },
    {
      name: "not an archive",
      archive: () => ({ name: "s.zip", base64: base64(new TextEncoder().encode("hello")) }),
      expected: /not a \.tar\.gz, \.tgz or \.zip/u,
    },
    {
      name: "corrupt gzip",
      archive: () => ({ name: "s.tgz", base64: base64(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3])) }),
      expected: /not a valid gzip/u,
    },
  ])("refuses an archive with $name, and changes nothing", async ({ archive, expected }) => {
    const { team, as } = await teamWithMembers(db);
    const data = async () =>
      (await tenantDataChecksum(db, team.id)).split("\n").filter((line) => !line.startsWith("ImportRun:"));
    const before = await data();
    const refused = await preview(as("admin"), { target: newGateway("arc"), upload: { archive: archive() } });
    expect(refused).toMatchObject({ status: "failed", planHash: null });
    expect(refused.errors.map((error) => error.message).join("\n")).toMatch(expected);
    expect(await data()).toEqual(before);
  });
});

describe("exports router", () => {
  it("round-trips: importing the exported snippet with the same stores changes nothing", async () => {
    for (const testCase of cases) {
      const { as } = await teamWithMembers(db);
      const admin = as("admin");
      const upload = { files: testCase.files };
      const { gatewayId } = await importAll(admin, { target: newGateway("rt"), upload });
      const snippet = await admin.exports.gatewaySnippet({ gatewayId });
      expect(snippet.text).toMatch(/^\/\/ openclaw\.json for gateway rt/u);
      const again = await preview(admin, {
        target: { gatewayId },
        upload: {
          files: testCase.files.map((file) =>
            file.path === "openclaw.json" ? { path: file.path, text: snippet.text } : file,
          ),
        },
      });
      expect(again.errors, testCase.name).toEqual([]);
      expect(again.changes, testCase.name).toEqual([]);
    }
  });

  it("exports one agent's entry in OpenClaw's snippet style", async () => {
    const testCase = cases.find((candidate) => candidate.name.startsWith("05"));
    if (!testCase) throw new Error("fixture 05 missing");
    const { as } = await teamWithMembers(db);
    const admin = as("admin");
    const upload = { files: testCase.files };
    const { gatewayId } = await importAll(admin, { target: newGateway("agents"), upload });
    const agent = await db.agent.findFirstOrThrow({ where: { gatewayId, agentKey: "work" } });
    const snippet = await admin.exports.agentSnippet({ agentId: agent.id });
    expect(snippet.text).toContain("entries: {\n      work: {\n        name: 'Work',");
    expect(snippet.text).toContain("primary: 'anthropic/claude-sonnet-5'");
    await expect(as("viewer").exports.agentSnippet({ agentId: agent.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
