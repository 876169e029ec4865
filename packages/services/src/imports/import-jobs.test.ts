import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EXPIRED_IMPORT_MESSAGE, STALLED_IMPORT_MESSAGE } from "@clawfleet/core/openclaw-import/import-run";
import { listPendingJobs } from "@clawfleet/db/job-queue";
import { makeProviderCanaries } from "@clawfleet/db/testing/canaries";
import { createTeam } from "@clawfleet/db/testing/factories";
import { statusFixtureCases } from "@clawfleet/db/testing/openclaw-fixtures";
import { tenantDataChecksum } from "@clawfleet/db/testing/tenant-checksum";
import { runQueuedJobsNow } from "../testing/run-queued-jobs";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { type ImportTarget, planImport } from "./gateway-import";
import {
  readImportRun,
  requestImportCommit,
  requestImportPreview,
  runImportCommit,
  sweepImportRuns,
} from "./import-jobs";

const deps = useServiceTestDeps();
const { db } = deps;
const cases = statusFixtureCases();
const fixture02 = cases.find((testCase) => testCase.name.startsWith("02")) ?? cases[0];
if (!fixture02) throw new Error("no fixtures");

const newGateway = (name: string): ImportTarget => ({
  kind: "new",
  name,
  homeDir: "/home/o",
  stateDir: "/home/o/.openclaw",
  openclawVersion: "2026.9.6",
});

/** The team's checksum but for the import runs' own rows and uploads (which record what happened). */
async function dataChecksum(teamId: string) {
  return (await tenantDataChecksum(db, teamId))
    .split("\n")
    .filter((line) => !line.startsWith("ImportRun:") && !line.startsWith("ImportUpload:"))
    .join("\n");
}

async function previewed(teamId: string, target: ImportTarget, files: { path: string; text: string }[]) {
  const caller = testCaller(teamId);
  const { importRunId } = await requestImportPreview(deps, caller, { target, upload: { files } });
  await runQueuedJobsNow(deps);
  const run = await readImportRun(deps, caller, { importRunId });
  if (run.status !== "previewed" || !run.planHash) throw new Error(`not previewed: ${JSON.stringify(run)}`);
  return { caller, run, planHash: run.planHash };
}

describe("the imports.preview job", () => {
  it.each(cases)("records the plan the synchronous preview computes for fixture $name", async (testCase) => {
    const team = await createTeam(db);
    const target = newGateway(`gw-${testCase.name.slice(0, 2)}`);
    const caller = testCaller(team.id);
    const { importRunId } = await requestImportPreview(deps, caller, {
      target,
      upload: { files: testCase.files },
    });
    expect(await readImportRun(deps, caller, { importRunId })).toMatchObject({
      status: "queued",
      phase: "queued",
      planHash: null,
    });
    expect(await listPendingJobs(db, { task: "imports.preview" })).toEqual([
      expect.objectContaining({ payload: { importRunId } }),
    ]);

    await runQueuedJobsNow(deps);
    const run = await readImportRun(deps, caller, { importRunId });
    const direct = await planImport(deps, caller, { target, files: testCase.files });
    if (!direct.ok) throw new Error("fixture refused");
    expect(run).toMatchObject({
      status: "previewed",
      planHash: direct.planHash,
      summary: direct.plan.summary,
      changes: direct.plan.changes.slice(0, 500),
      totalChanges: direct.plan.changes.length,
      warnings: direct.warnings,
      totalWarnings: direct.warnings.length,
      errors: [],
      error: null,
      target: { kind: "new", name: target.kind === "new" ? target.name : "" },
    });
    // A preview writes nothing but its run: no gateway yet, no audit row.
    expect(await db.gateway.count({ where: { teamId: team.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("lists the first 500 changes of a large plan and counts them all", async () => {
    const team = await createTeam(db);
    const entries = Object.fromEntries(Array.from({ length: 700 }, (_, index) => [`a${index}`, {}]));
    const { run } = await previewed(team.id, newGateway("many"), [
      { path: "openclaw.json", text: JSON.stringify({ agents: { ownership: "explicit", entries } }) },
    ]);
    expect(run.changes).toHaveLength(500);
    expect(run.totalChanges).toBeGreaterThan(700);
    expect(run.summary?.agents.create).toBe(700);
  });
});

describe("the config rewrite a refused preview offers", () => {
  /** The Anthropic page's API-key snippet, which openclaw@2026.9.6 refuses (lab seed-api-key-env-in-config). */
  const seedSnippet = [
    {
      path: "openclaw.json",
      text: '{\n  env: { ANTHROPIC_API_KEY: "sk-ant-api03-seedpagexxxxxxxxxxxxxxxx" },\n  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } } },\n}\n',
    },
  ];

  it("is offered with the refusal, names only, and applied only on a preview the admin accepted", async () => {
    const team = await createTeam(db);
    const caller = testCaller(team.id);
    const refused = await requestImportPreview(deps, caller, {
      target: newGateway("seed"),
      upload: { files: seedSnippet },
    });
    await runQueuedJobsNow(deps);
    const refusal = await readImportRun(deps, caller, { importRunId: refused.importRunId });
    expect(refusal).toMatchObject({
      status: "failed",
      errors: [
        { file: "openclaw.json", path: "env", message: 'Unrecognized key: "ANTHROPIC_API_KEY"', line: 2 },
      ],
      configRewrite: { movedKeys: ["ANTHROPIC_API_KEY"], keptKeys: [] },
    });
    expect(refusal.configRewrite?.explanation).toContain("env.vars");
    // The run stores what moves and why, never the key itself.
    const stored = await db.importRun.findUniqueOrThrow({ where: { id: refused.importRunId } });
    expect(JSON.stringify(stored)).not.toContain("sk-ant-api03-seedpage");

    const accepted = await requestImportPreview(deps, caller, {
      target: newGateway("seed"),
      upload: { files: seedSnippet },
      acceptConfigRewrite: true,
    });
    await runQueuedJobsNow(deps);
    const run = await readImportRun(deps, caller, { importRunId: accepted.importRunId });
    expect(run).toMatchObject({ status: "previewed", errors: [], configRewrite: null });
    expect(run.warnings[0]).toMatchObject({ file: "openclaw.json", path: "env.vars" });
    expect(run.warnings[0]?.message).toContain("ANTHROPIC_API_KEY moved from env into env.vars");

    await requestImportCommit(deps, caller, { importRunId: run.id, planHash: run.planHash ?? "" });
    await runQueuedJobsNow(deps);
    expect(await readImportRun(deps, caller, { importRunId: run.id })).toMatchObject({ status: "succeeded" });
  });

  it("is not offered when the refusal has nothing to do with env", async () => {
    const team = await createTeam(db);
    const caller = testCaller(team.id);
    const { importRunId } = await requestImportPreview(deps, caller, {
      target: newGateway("colour"),
      upload: { files: [{ path: "openclaw.json", text: '{ "colour": "blue" }' }] },
    });
    await runQueuedJobsNow(deps);
    expect(await readImportRun(deps, caller, { importRunId })).toMatchObject({
      status: "failed",
      configRewrite: null,
      error: "The files were refused; nothing was changed. Fix them and upload again.",
    });
  });
});

describe("the imports.commit job", () => {
  it("writes everything in one transaction, audited as the admin who confirmed it, and deletes the upload", async () => {
    const team = await createTeam(db);
    const { caller, run, planHash } = await previewed(team.id, newGateway("prod"), fixture02.files);
    const admin = testCaller(team.id, { id: crypto.randomUUID(), label: "admin@example.test" });
    await requestImportCommit(deps, admin, { importRunId: run.id, planHash });
    expect(await readImportRun(deps, caller, { importRunId: run.id })).toMatchObject({
      status: "commit_queued",
    });
    await runQueuedJobsNow(deps);

    const done = await readImportRun(deps, caller, { importRunId: run.id });
    expect(done).toMatchObject({ status: "succeeded", phase: "done", error: null });
    expect(done.doneSteps).toBe(done.totalSteps);
    expect(await db.agent.count({ where: { gatewayId: done.gatewayId ?? "" } })).toBe(
      run.summary?.agents.create,
    );
    expect(await db.importUpload.count({ where: { teamId: team.id } })).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { teamId: team.id } });
    expect(audit.map((event) => [event.action, event.actorLabel, event.requestId])).toEqual([
      ["gateway.import", "admin@example.test", admin.requestId],
    ]);
  });

  it("refuses with CONFLICT's message, and writes nothing, when the gateway changed after the preview", async () => {
    const team = await createTeam(db);
    const first = await previewed(team.id, newGateway("prod"), fixture02.files);
    await requestImportCommit(deps, first.caller, { importRunId: first.run.id, planHash: first.planHash });
    await runQueuedJobsNow(deps);
    const gatewayId =
      (await readImportRun(deps, first.caller, { importRunId: first.run.id })).gatewayId ?? "";

    const edited = fixture02.files.map((file) =>
      file.path === "openclaw.json"
        ? { ...file, text: file.text.replace('"cacheRetention": "long"', '"cacheRetention": "short"') }
        : file,
    );
    const stale = await previewed(team.id, { kind: "existing", gatewayId }, edited);
    expect(stale.run.summary?.params.update).toBe(1);
    // Someone else imports into the gateway in between; the previewed plan no longer holds.
    const other = await previewed(
      team.id,
      { kind: "existing", gatewayId },
      fixture02.files.filter((file) => !file.path.includes("auth-state")),
    );
    await requestImportCommit(deps, other.caller, { importRunId: other.run.id, planHash: other.planHash });
    await runQueuedJobsNow(deps);

    const before = await dataChecksum(team.id);
    await requestImportCommit(deps, stale.caller, { importRunId: stale.run.id, planHash: stale.planHash });
    await runQueuedJobsNow(deps);
    expect(await readImportRun(deps, stale.caller, { importRunId: stale.run.id })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("changed since the preview") as unknown,
    });
    expect(await dataChecksum(team.id)).toBe(before);
  });

  it("leaves the team's data exactly as it was when the commit dies midway through its transaction", async () => {
    const team = await createTeam(db);
    const entries = Object.fromEntries(Array.from({ length: 3_000 }, (_, index) => [`a${index}`, {}]));
    const { caller, run, planHash } = await previewed(team.id, newGateway("big"), [
      { path: "openclaw.json", text: JSON.stringify({ agents: { ownership: "explicit", entries } }) },
      ...fixture02.files.filter((file) => file.path !== "openclaw.json"),
    ]);
    await requestImportCommit(deps, caller, { importRunId: run.id, planHash });
    const before = await dataChecksum(team.id);
    const seen: string[] = [];
    await runQueuedJobsNow(deps, {
      imports: {
        observeProgress: (progress) => {
          seen.push(progress.phase);
          // The test hook: the process "dies" after 2,000 of 3,000 agents were written in the transaction.
          if (progress.phase === "writing agents" && progress.done >= 2_000)
            return Promise.reject(new Error("killed"));
          return Promise.resolve();
        },
      },
    });
    expect(seen).toContain("writing agents");
    expect(await dataChecksum(team.id)).toBe(before);
    expect(await db.gateway.count({ where: { teamId: team.id } })).toBe(0);
    const failed = await readImportRun(deps, caller, { importRunId: run.id });
    expect(failed).toMatchObject({ status: "failed", error: "The import failed and nothing was changed." });
    expect(await db.importUpload.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("runs a commit once: a second job for the same run does nothing", async () => {
    const team = await createTeam(db);
    const { caller, run, planHash } = await previewed(team.id, newGateway("once"), fixture02.files);
    await requestImportCommit(deps, caller, { importRunId: run.id, planHash });
    await runQueuedJobsNow(deps);
    await runImportCommit(deps, { importRunId: run.id });
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "gateway.import" } })).toBe(1);
  });

  it("refuses to confirm another team's run, a wrong plan hash, and a run that is not previewed", async () => {
    const [mine, theirs] = [await createTeam(db), await createTeam(db)];
    const { caller, run, planHash } = await previewed(mine.id, newGateway("x"), fixture02.files);
    await expect(
      requestImportCommit(deps, testCaller(theirs.id), { importRunId: run.id, planHash }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readImportRun(deps, testCaller(theirs.id), { importRunId: run.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      requestImportCommit(deps, caller, { importRunId: run.id, planHash: "not-the-hash" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await requestImportCommit(deps, caller, { importRunId: run.id, planHash });
    await expect(requestImportCommit(deps, caller, { importRunId: run.id, planHash })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });

  it("answers NOT_FOUND for a preview into another team's gateway, and CONFLICT for a taken name", async () => {
    const [mine, theirs] = [await createTeam(db), await createTeam(db)];
    const { caller, run, planHash } = await previewed(theirs.id, newGateway("taken"), fixture02.files);
    await requestImportCommit(deps, caller, { importRunId: run.id, planHash });
    await runQueuedJobsNow(deps);
    const gatewayId = (await readImportRun(deps, caller, { importRunId: run.id })).gatewayId ?? "";
    await expect(
      requestImportPreview(deps, testCaller(mine.id), {
        target: { kind: "existing", gatewayId },
        upload: { files: fixture02.files },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      requestImportPreview(deps, caller, { target: newGateway("taken"), upload: { files: fixture02.files } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the stored upload", () => {
  it("is encrypted at rest (no canary in the table or a pg_dump) and deleted after the commit", async () => {
    const canaries = makeProviderCanaries();
    const team = await createTeam(db);
    const files = fixture02.files.map((file) =>
      file.path === "shared-auth-profiles.json"
        ? {
            ...file,
            text: JSON.stringify({
              version: 1,
              profiles: {
                "anthropic:canary": { type: "api_key", provider: "anthropic", key: canaries.apiKey.value },
                "anthropic:sub": { type: "token", provider: "anthropic", token: canaries.setupToken.value },
              },
            }),
          }
        : file,
    );
    const caller = testCaller(team.id);
    const { importRunId } = await requestImportPreview(deps, caller, {
      target: newGateway("canary"),
      upload: { files },
    });
    const stored = await db.importUpload.findUniqueOrThrow({ where: { importRunId } });
    const secretParts = [canaries.apiKey.secretPart, canaries.setupToken.secretPart];
    for (const encoding of ["latin1", "utf8", "base64", "hex"] as const) {
      const text = Buffer.from(stored.ciphertext).toString(encoding);
      for (const part of secretParts) expect(text).not.toContain(part);
    }
    const dump = execFileSync("pg_dump", ["--data-only", "--no-owner", process.env.DATABASE_URL ?? ""], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump).toContain(importRunId);
    for (const part of secretParts) expect(dump).not.toContain(part);

    await runQueuedJobsNow(deps);
    const { planHash } = await readImportRun(deps, caller, { importRunId });
    expect(await db.importUpload.count({ where: { importRunId } })).toBe(1);
    await requestImportCommit(deps, caller, { importRunId, planHash: planHash ?? "" });
    await runQueuedJobsNow(deps);
    expect((await readImportRun(deps, caller, { importRunId })).status).toBe("succeeded");
    expect(await db.importUpload.count({ where: { importRunId } })).toBe(0);
  });

  it("does not open when copied to another run", async () => {
    const team = await createTeam(db);
    const caller = testCaller(team.id);
    const first = await requestImportPreview(deps, caller, {
      target: newGateway("a"),
      upload: { files: fixture02.files },
    });
    const second = await requestImportPreview(deps, caller, {
      target: newGateway("b"),
      upload: { files: fixture02.files },
    });
    const { ciphertext } = await db.importUpload.findUniqueOrThrow({
      where: { importRunId: first.importRunId },
    });
    await db.importUpload.update({ where: { importRunId: second.importRunId }, data: { ciphertext } });
    await runQueuedJobsNow(deps);
    expect((await readImportRun(deps, caller, first)).status).toBe("previewed");
    expect(await readImportRun(deps, caller, second)).toMatchObject({
      status: "failed",
      error: "The import failed and nothing was changed.",
    });
  });
});

describe("runs that lose their worker or wait too long", () => {
  it("read as failed once silent too long, and the sweep fails them and deletes old uploads", async () => {
    const team = await createTeam(db);
    const caller = testCaller(team.id);
    const { importRunId } = await requestImportPreview(deps, caller, {
      target: newGateway("left"),
      upload: { files: fixture02.files },
    });
    const stuck = await requestImportPreview(deps, caller, {
      target: newGateway("stuck"),
      upload: { files: fixture02.files },
    });
    await db.importRun.update({ where: { id: stuck.importRunId }, data: { status: "previewing" } });
    const { updatedAt } = await db.importRun.findUniqueOrThrow({ where: { id: stuck.importRunId } });

    const inElevenMinutes = { ...deps, now: () => new Date(updatedAt.getTime() + 11 * 60_000) };
    expect(await readImportRun(inElevenMinutes, caller, stuck)).toMatchObject({
      status: "failed",
      error: STALLED_IMPORT_MESSAGE,
    });
    expect(await readImportRun(inElevenMinutes, caller, { importRunId })).toMatchObject({
      status: "queued",
      waitingForWorker: true,
    });
    await sweepImportRuns(inElevenMinutes);
    expect(await db.importRun.findUniqueOrThrow({ where: { id: stuck.importRunId } })).toMatchObject({
      status: "failed",
      error: STALLED_IMPORT_MESSAGE,
    });
    expect(await db.importUpload.count({ where: { importRunId: stuck.importRunId } })).toBe(0);
    expect(await db.importUpload.count({ where: { importRunId } })).toBe(1);

    const tomorrow = { ...deps, now: () => new Date(updatedAt.getTime() + 25 * 60 * 60_000) };
    await sweepImportRuns(tomorrow);
    expect(await readImportRun(tomorrow, caller, { importRunId })).toMatchObject({
      status: "failed",
      error: EXPIRED_IMPORT_MESSAGE,
    });
    expect(await db.importUpload.count({ where: { teamId: team.id } })).toBe(0);
  });
});
