/**
 * The browser's import flow in tests, with the worker's jobs run in-process: `imports.preview`, its preview
 * job, `imports.run`; then `imports.commit`, its commit job, `imports.run`. Works over any transport (a
 * direct caller or HTTP), because it only calls procedures by path.
 */
import type { DbClient } from "@clawfleet/db/client";
import type { ImportRunView } from "@clawfleet/services/imports/import-jobs";
import { runQueuedJobsNow } from "@clawfleet/services/testing/run-queued-jobs";
import { testDeps } from "./caller";

type Call = (path: string, input?: unknown) => Promise<unknown>;

export type ImportInput = { target: unknown; upload: unknown };

/** Queues the preview, runs its job and returns the run as the page would read it. */
export async function previewThroughJobs(
  call: Call,
  db: DbClient,
  input: ImportInput,
): Promise<ImportRunView> {
  const { importRunId } = (await call("imports.preview", input)) as { importRunId: string };
  await runQueuedJobsNow(testDeps(db));
  return (await call("imports.run", { importRunId })) as ImportRunView;
}

/** Confirms a previewed run, runs its commit job and returns the run afterwards. */
export async function commitThroughJobs(
  call: Call,
  db: DbClient,
  run: ImportRunView,
): Promise<ImportRunView> {
  await call("imports.commit", { importRunId: run.id, planHash: run.planHash });
  await runQueuedJobsNow(testDeps(db));
  return (await call("imports.run", { importRunId: run.id })) as ImportRunView;
}

/** Preview and commit; throws with the refusal or the failure when the import does not succeed. */
export async function importThroughJobs(
  call: Call,
  db: DbClient,
  input: ImportInput,
): Promise<{ preview: ImportRunView; gatewayId: string }> {
  const preview = await previewThroughJobs(call, db, input);
  if (preview.status !== "previewed")
    throw new Error(
      `import preview ${preview.status}: ${preview.error ?? ""} ${JSON.stringify(preview.errors)}`,
    );
  const done = await commitThroughJobs(call, db, preview);
  if (done.status !== "succeeded" || !done.gatewayId)
    throw new Error(`import commit ${done.status}: ${done.error ?? ""}`);
  return { preview, gatewayId: done.gatewayId };
}
