// Runs one delivered job exactly once in effect: the journal answers a job that already applied, records `started`
// before OpenClaw is touched and `applied` after, and the executors are idempotent for a job that only started.
import type {
  HostJobDelivery,
  HostJobKind,
  HostJobOutcome,
  HostJobPayload,
} from "@clawfleet/core/connector/host-jobs";
import type { AgentLog } from "./agent-log";
import { createAgent, deleteAgent } from "./executors/agent-lifecycle";
import { removeAuthProfiles, setAuthOrder } from "./executors/auth-profiles";
import { patchConfig } from "./executors/config-patch";
import { pushCredential } from "./executors/credential-push";
import type { Executor, ExecutorContext } from "./executors/executor-context";
import { reportStatus } from "./executors/status-report";
import type { JobJournal } from "./job-journal";
import { outcomeOfError } from "./job-outcome";
import { scrubSecrets } from "./secret-scrub";

type ExecutorTable = { [K in HostJobKind]: Executor<K> };

export const EXECUTORS: ExecutorTable = {
  "credential.push": pushCredential,
  "config.patch": patchConfig,
  "agent.create": createAgent,
  "agent.delete": deleteAgent,
  "auth.order.set": setAuthOrder,
  "auth.profile.remove": removeAuthProfiles,
  "status.report": reportStatus,
};

function executorFor<K extends HostJobKind>(kind: K, executors: ExecutorTable): Executor<K> {
  return executors[kind];
}

/**
 * The agents whose status a job can move, to report after it applies: "all" for a change to the shared store.
 * A deleted agent has no status left, and a status report reports itself.
 */
export function agentsTouchedBy(payload: HostJobPayload): string[] | "all" {
  switch (payload.kind) {
    case "credential.push":
    case "auth.profile.remove":
      return payload.storeAgentKey === null ? "all" : [payload.storeAgentKey];
    case "config.patch":
      return payload.affectedAgentKeys;
    case "agent.create":
    case "auth.order.set":
      return [payload.agentKey];
    case "agent.delete":
    case "status.report":
      return [];
  }
}

export type JobRunnerDependencies = {
  journal: JobJournal;
  context: ExecutorContext;
  log: AgentLog;
  now: () => number;
  executors?: ExecutorTable;
};

export async function runJob(
  delivery: HostJobDelivery,
  deps: JobRunnerDependencies,
): Promise<HostJobOutcome> {
  const { jobId, attempt, payload } = delivery;
  const kind = payload.kind;
  const startedAt = deps.now();
  const known = deps.journal.lookup(jobId);
  if (known?.state === "applied") {
    deps.log("job.answered_from_journal", { jobId, kind, attempt, outcome: "applied" });
    return { status: "applied", result: known.result };
  }
  deps.log("job.started", { jobId, kind, attempt, rerun: known?.state === "started" });
  deps.journal.recordStarted(jobId, kind);
  let outcome: HostJobOutcome;
  try {
    const executor: Executor<HostJobKind> = executorFor(kind, deps.executors ?? EXECUTORS);
    const result = await executor(payload, deps.context, delivery.secret);
    deps.journal.recordApplied(jobId, kind, result);
    outcome = { status: "applied", result };
  } catch (error) {
    // OpenClaw's words are passed on verbatim, except a secret it might have echoed back.
    outcome = scrubOutcome(outcomeOfError(error), delivery.secret);
  }
  deps.log("job.finished", {
    jobId,
    kind,
    attempt,
    outcome: outcome.status,
    durationMs: deps.now() - startedAt,
    ...(outcome.status === "applied"
      ? { alreadyApplied: outcome.result.alreadyApplied === true }
      : { errorCode: outcome.error.code, errorSource: outcome.error.source }),
  });
  return outcome;
}

function scrubOutcome<T extends Exclude<HostJobOutcome, { status: "applied" }>>(
  outcome: T,
  secret: string | undefined,
): T {
  if (!secret) return outcome;
  const scrubbed = scrubSecrets(JSON.stringify(outcome), [secret, JSON.stringify(secret).slice(1, -1)]);
  return JSON.parse(scrubbed) as T;
}
