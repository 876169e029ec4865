import "server-only";
import { createHostJobWakeups } from "@clawfleet/services/connector/host-job-wakeups";
import { db, secretBox } from "../db";
import { serverEnv } from "../env";
import { SlidingWindowRateLimiter } from "../ingest/sliding-window-rate-limiter";
import type { HostAgentDependencies } from "./host-agent-handlers";

/**
 * The channel's dependencies, once per server process: in particular ONE LISTEN connection that every held poll
 * of this process shares (no connection per poll).
 */
const globalForHostAgents = globalThis as unknown as { clawfleetHostAgentDeps?: HostAgentDependencies };

export function hostAgentDependencies(): HostAgentDependencies {
  globalForHostAgents.clawfleetHostAgentDeps ??= {
    db: db(),
    secretBox: secretBox(),
    now: () => new Date(),
    wakeups: createHostJobWakeups(serverEnv().DATABASE_URL, {
      onConnectionError: (error) =>
        console.error(
          `[clawfleet] host-job listener lost its connection (${error instanceof Error ? error.name : "unknown"}); reconnecting`,
        ),
    }),
    // why: per-instance memory (see the limiter). Guessing a 256-bit token is hopeless anyway; the limit stops a
    // flood from reaching the database. Without a proxy's X-Forwarded-For every host shares one bucket, so it
    // leaves room for a rollout enrolling a host a second.
    enrolmentLimiter: new SlidingWindowRateLimiter({ limit: 60, windowMs: 60_000 }),
    log: (line) => console.info(line),
  };
  return globalForHostAgents.clawfleetHostAgentDeps;
}
