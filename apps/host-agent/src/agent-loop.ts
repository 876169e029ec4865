// The run loop: poll the console (the first poll says `resumed`, so jobs leased to a killed predecessor come back
// at once), run each delivered job in order, answer it with the delivery's `attempt`, repeat. A network error or a
// 5xx waits core's `reconnectDelayMs` (jitter from `random`) and polls again; a 401 stops the agent (exit 2). Once
// `stop` aborts (SIGTERM), the job in hand is finished and answered, nothing new is started, and the loop ends (0).
import { reconnectDelayMs } from "@clawfleet/core/connector/host-job-backoff";
import type { HostFacts, PollRequest, PollResponse } from "@clawfleet/core/connector/host-channel";
import type { HostJobDelivery, HostJobOutcome, HostJobPayload } from "@clawfleet/core/connector/host-jobs";
import type { AgentLog } from "./agent-log";
import { CredentialRefusedError, type ConsoleChannel } from "./console-channel";
import { agentsTouchedBy } from "./job-runner";

export const EXIT_STOPPED = 0;
export const EXIT_CREDENTIAL_REFUSED = 2;
export const CREDENTIAL_REFUSED_MESSAGE =
  "this agent's credential was revoked or rotated; enrol again (clawfleet-agent enrol --console <url> --token <cfe_…>)";

export type AgentLoopDependencies = {
  channel: Pick<ConsoleChannel, "poll" | "postResult">;
  host: HostFacts;
  runJob: (delivery: HostJobDelivery) => Promise<HostJobOutcome>;
  /** After an applied job: report the agents it touched ("all", or keys; nothing when empty). */
  reportTouched: (agents: string[] | "all", payload: HostJobPayload) => Promise<void>;
  /** The console's `reportIntervalMs`, from every poll answer. */
  onReportInterval: (intervalMs: number) => void;
  log: AgentLog;
  random: () => number;
  /** Waits `ms`, or less when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  stop: AbortSignal;
};

export async function runAgentLoop(deps: AgentLoopDependencies): Promise<number> {
  let resumed = true;
  let failures = 0;
  while (!deps.stop.aborted) {
    let answer: PollResponse;
    try {
      const request: PollRequest = { host: deps.host, resumed };
      answer = await deps.channel.poll(request, deps.stop);
      if (failures > 0) deps.log("console.reconnected", { afterFailures: failures });
      resumed = false;
      failures = 0;
      deps.onReportInterval(answer.reportIntervalMs);
      for (const delivery of answer.jobs) {
        // Jobs not started stay leased to us; the console hands them out again (at once on our next `resumed`).
        if (deps.stop.aborted) break;
        const outcome = await deps.runJob(delivery);
        await deps.channel.postResult(delivery.jobId, { attempt: delivery.attempt, outcome });
        if (outcome.status === "applied") {
          const touched = agentsTouchedBy(delivery.payload);
          if (touched === "all" || touched.length > 0)
            deps
              .reportTouched(touched, delivery.payload)
              .catch((error: unknown) =>
                deps.log("status.failed", { reason: error instanceof Error ? error.message : "unknown" }),
              );
        }
      }
    } catch (error) {
      if (error instanceof CredentialRefusedError) {
        deps.log("agent.stopped", { reason: "credential_refused", exitCode: EXIT_CREDENTIAL_REFUSED });
        return EXIT_CREDENTIAL_REFUSED;
      }
      if (deps.stop.aborted) break;
      failures += 1;
      const delayMs = reconnectDelayMs(failures, deps.random());
      deps.log("console.unreachable", {
        failures,
        retryInMs: delayMs,
        reason: error instanceof Error ? error.message.slice(0, 500) : "unknown",
      });
      await deps.sleep(delayMs, deps.stop);
    }
  }
  deps.log("agent.stopped", { reason: "signal", exitCode: EXIT_STOPPED });
  return EXIT_STOPPED;
}

/** A sleep that ends early when `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
