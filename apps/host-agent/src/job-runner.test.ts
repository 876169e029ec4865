import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { HostJobDelivery, HostJobKind, HostJobResult } from "@clawfleet/core/connector/host-jobs";
import { GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";
import type { Executor, ExecutorContext } from "./executors/executor-context";
import { JobJournal, JOURNAL_KEEP_JOBS } from "./job-journal";
import { JobProblem } from "./job-outcome";
import { EXECUTORS, runJob } from "./job-runner";

const SECRET = `sk-ant-oat01-${"s".repeat(90)}`;
const JOB_ID = "0a8f4c1e-2b7d-4e3a-9c6b-5d4e3f2a1b0c";

const push: HostJobDelivery = {
  jobId: JOB_ID,
  attempt: 1,
  payload: {
    kind: "credential.push",
    authProfileId: "6f3c2a57-1f0e-4c39-9d55-2f2b0c4f8e11",
    profileId: "anthropic:fleet-token",
    provider: "anthropic",
    type: "token",
    storeAgentKey: "ops",
    expiresAt: null,
    reauthRequestId: null,
  },
  secret: SECRET,
};

const unusedContext: ExecutorContext = {
  gateway: () => Promise.reject(new Error("no gateway in this test")),
  openclaw: () => Promise.reject(new Error("no CLI in this test")),
  now: () => 0,
  sleep: () => Promise.resolve(),
  reportStatuses: () => Promise.resolve(0),
};

function journalPath() {
  return join(mkdtempSync(join(os.tmpdir(), "clawfleet-journal-")), "journal.jsonl");
}

/** The executor table with credential.push replaced by `pushExecutor`. */
function withPush(pushExecutor: Executor<"credential.push">) {
  return { ...EXECUTORS, "credential.push": pushExecutor };
}

function runner(path: string, executors: ReturnType<typeof withPush>) {
  return (delivery: HostJobDelivery) =>
    runJob(delivery, {
      journal: JobJournal.open(path, () => Date.parse("2026-11-30T10:00:00Z")),
      context: unusedContext,
      log: () => undefined,
      now: () => 0,
      executors,
    });
}

describe("the job journal", () => {
  test("a redelivered job that applied is answered from the journal without touching OpenClaw", async () => {
    const path = journalPath();
    const calls: HostJobKind[] = [];
    const result: HostJobResult = {
      summary: "Stored anthropic:fleet-token (token)",
      profileId: "anthropic:fleet-token",
    };
    const executors = withPush((job) => Promise.resolve(void calls.push(job.kind)).then(() => result));

    expect(await runner(path, executors)(push)).toEqual({ status: "applied", result });
    // A new process (the agent restarted) reads the journal back.
    expect(await runner(path, executors)({ ...push, attempt: 2 })).toEqual({ status: "applied", result });
    expect(calls).toEqual(["credential.push"]);
  });

  test("a job that only started (the agent died mid-job) is run again", async () => {
    const path = journalPath();
    const crashed = JobJournal.open(path, () => 0);
    crashed.recordStarted(JOB_ID, "credential.push");
    let runs = 0;
    const executors = withPush(() => {
      runs += 1;
      return Promise.resolve({ summary: "Stored again" });
    });
    expect(await runner(path, executors)({ ...push, attempt: 2 })).toMatchObject({ status: "applied" });
    expect(runs).toBe(1);
  });

  test("a failed or retried job is not remembered as applied, so its next delivery runs it", async () => {
    const path = journalPath();
    let runs = 0;
    const executors = withPush(() => {
      runs += 1;
      if (runs === 1) throw new JobProblem("retry", { code: "UNAVAILABLE", message: "gateway starting" });
      return Promise.resolve({ summary: "Stored" });
    });
    expect(await runner(path, executors)(push)).toMatchObject({ status: "retry" });
    expect(await runner(path, executors)(push)).toMatchObject({ status: "applied" });
    expect(runs).toBe(2);
  });

  test("holds ids and results only: never the delivery's secret", async () => {
    const path = journalPath();
    await runner(
      path,
      withPush(() => Promise.resolve({ summary: "Stored" })),
    )(push);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(JOB_ID);
    expect(text).not.toContain(SECRET);
    expect(
      text
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { state: string }).state),
    ).toEqual(["started", "applied"]);
  });

  test("an OpenClaw refusal that echoes the secret reaches the console without it", async () => {
    const executors = withPush(() => {
      throw new GatewayRequestError("models.authSetApiKey", {
        code: "INVALID_REQUEST",
        message: `rejected key ${SECRET}`,
        details: { received: SECRET },
      });
    });
    const outcome = await runner(journalPath(), executors)(push);
    expect(outcome).toEqual({
      status: "failed",
      error: {
        code: "INVALID_REQUEST",
        message: "rejected key [redacted]",
        details: { received: "[redacted]" },
        source: "models.authSetApiKey",
      },
    });
  });

  test("skips a torn last line and prunes to the newest jobs", () => {
    const path = journalPath();
    const lines = Array.from({ length: JOURNAL_KEEP_JOBS + 5 }, (_, index) =>
      JSON.stringify({
        jobId: `job-${index}`,
        kind: "agent.delete",
        state: "started",
        at: "2026-11-30T10:00:00Z",
      }),
    );
    writeFileSync(path, `${lines.join("\n")}\n{"jobId":"torn`);
    const journal = JobJournal.open(path, () => 0);
    expect(journal.lookup("job-0")).toBeUndefined();
    expect(journal.lookup("job-4")).toBeUndefined();
    expect(journal.lookup("job-5")).toEqual({ state: "started" });
    expect(journal.lookup(`job-${JOURNAL_KEEP_JOBS + 4}`)).toEqual({ state: "started" });
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(JOURNAL_KEEP_JOBS);
  });
});
