// What an executor may use: the local Gateway (loopback WebSocket as the `cli` client), the real CLI, and a clock.
// Executors are idempotent: each first looks at the host's current state, so running a job twice (a redelivery of
// a job the journal only saw `started`) has the effect once.
import type { HostJobPayloadOf, HostJobKind, HostJobResult } from "@clawfleet/core/connector/host-jobs";
import type { GatewayRequestOptions } from "@clawfleet/openclaw-gateway/gateway-client";
import type { OpenClawCli } from "../openclaw-cli";

/** The part of `GatewayConnection` executors use. */
export type GatewayRequester = {
  request(method: string, params?: unknown, options?: GatewayRequestOptions): Promise<unknown>;
};

export type ExecutorContext = {
  gateway: () => Promise<GatewayRequester>;
  openclaw: OpenClawCli;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Runs `openclaw models status --json` for these agents (all when empty), posts it, and says how many. */
  reportStatuses: (agentKeys: readonly string[]) => Promise<number>;
};

export type Executor<K extends HostJobKind> = (
  job: HostJobPayloadOf<K>,
  context: ExecutorContext,
  secret: string | undefined,
) => Promise<HostJobResult>;
