import { Logger, type Runner } from "graphile-worker";
import { afterEach, describe, expect, it } from "vitest";
import { createTeam } from "@clawfleet/db/testing/factories";
import { statusFixtureCases } from "@clawfleet/db/testing/openclaw-fixtures";
import {
  readImportRun,
  requestImportCommit,
  requestImportPreview,
} from "@clawfleet/services/imports/import-jobs";
import { testCaller, useServiceTestDeps } from "@clawfleet/services/testing/service-test-deps";
import { startJobRunner } from "./job-runner";

const deps = useServiceTestDeps();
const quiet = new Logger(() => () => undefined);
const fixture = statusFixtureCases().find((testCase) => testCase.name.startsWith("02"));
if (!fixture) throw new Error("fixture 02 is missing");

let runner: Runner | null = null;
afterEach(async () => {
  await runner?.stop();
  runner = null;
});

describe("imports on the worker", () => {
  it("previews and commits fixture 02 through the worker's own tasks, reporting progress on the run", async () => {
    runner = await startJobRunner({
      connectionString: process.env.DATABASE_URL ?? "",
      concurrency: 2,
      cronItems: [],
      pollIntervalMs: 200,
      logger: quiet,
      deps: { ...deps, webhooks: {} },
    });
    const team = await createTeam(deps.db);
    const caller = testCaller(team.id, { id: crypto.randomUUID(), label: "admin@example.test" });
    const phases = new Set<string>();
    const follow = async () => {
      const run = await readImportRun(deps, caller, { importRunId });
      phases.add(run.status);
      return run.status;
    };

    const { importRunId } = await requestImportPreview(deps, caller, {
      target: {
        kind: "new",
        name: "gw",
        homeDir: "/home/o",
        stateDir: "/home/o/.openclaw",
        openclawVersion: "2026.9.6",
      },
      upload: { files: fixture.files },
    });
    await expect.poll(follow, { timeout: 15_000, interval: 50 }).toBe("previewed");
    const previewed = await readImportRun(deps, caller, { importRunId });
    expect(previewed.summary?.agents.create).toBe(1);

    await requestImportCommit(deps, caller, { importRunId, planHash: previewed.planHash ?? "" });
    await expect.poll(follow, { timeout: 15_000, interval: 50 }).toBe("succeeded");
    const done = await readImportRun(deps, caller, { importRunId });
    expect(done.gatewayId).not.toBeNull();
    expect(await deps.db.agent.count({ where: { gatewayId: done.gatewayId ?? "" } })).toBe(1);
    expect(await deps.db.importUpload.count({ where: { importRunId } })).toBe(0);
    expect([...phases]).toEqual(expect.arrayContaining(["previewed", "succeeded"]));
  });
});
