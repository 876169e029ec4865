import "server-only";
import { createHostJobWakeups } from "@clawfleet/services/connector/host-job-wakeups";
import { db, secretBox } from "../db";
import { serverEnv } from "../env";
import { clientAddressOf } from "../http/client-address";
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
    clientAddressOf: (request) => clientAddressOf(request.headers),
    log: (line) => console.info(line),
  };
  return globalForHostAgents.clawfleetHostAgentDeps;
}
