import { describe, expect, it } from "vitest";
import {
  IMPORT_RUN_STALL_MS,
  IMPORT_RUN_STATUSES,
  type ImportRunStatus,
  isImportRunInProgress,
  isImportRunStalled,
  isImportRunWaitingForWorker,
} from "./import-run";

const NOW = new Date("2026-11-30T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe("import run rules", () => {
  it.each<[ImportRunStatus, boolean]>([
    ["queued", true],
    ["previewing", true],
    ["previewed", false],
    ["commit_queued", true],
    ["committing", true],
    ["succeeded", false],
    ["failed", false],
  ])("%s: in progress = %s", (status, expected) => {
    expect(isImportRunInProgress(status)).toBe(expected);
  });

  it("covers every status in the table above", () => {
    expect(IMPORT_RUN_STATUSES).toHaveLength(7);
  });

  it.each<[ImportRunStatus, number, boolean]>([
    ["previewing", IMPORT_RUN_STALL_MS - 1, false],
    ["previewing", IMPORT_RUN_STALL_MS + 1, true],
    ["committing", IMPORT_RUN_STALL_MS + 1, true],
    ["queued", IMPORT_RUN_STALL_MS * 10, false],
    ["previewed", IMPORT_RUN_STALL_MS * 10, false],
    ["succeeded", IMPORT_RUN_STALL_MS * 10, false],
  ])("%s silent for %i ms: stalled = %s", (status, silentMs, expected) => {
    expect(isImportRunStalled({ status, updatedAt: ago(silentMs) }, NOW)).toBe(expected);
  });

  it.each<[ImportRunStatus, number, boolean]>([
    ["queued", 5_000, false],
    ["queued", 20_000, true],
    ["commit_queued", 20_000, true],
    ["previewing", 20_000, false],
    ["previewed", 20_000, false],
  ])("%s for %i ms: waiting for a worker = %s", (status, waitedMs, expected) => {
    expect(isImportRunWaitingForWorker({ status, updatedAt: ago(waitedMs) }, NOW)).toBe(expected);
  });
});
