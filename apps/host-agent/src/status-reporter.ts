// Reports what the host really says: `openclaw models status --json --agent <key>` per agent (about 10 s each, so at
// most two at a time), and the Gateway's own state (`config.get` parsed + hash, `agents.list`, `models.authStatus`)
// after `config.changed`, debounced because one edit can fire several events.
import { MAX_REPORTS_PER_REQUEST, type GatewayStateReport } from "@clawfleet/core/connector/host-channel";
import type { AgentLog } from "./agent-log";
import type { ConsoleChannel } from "./console-channel";
import type { GatewayRequester } from "./executors/executor-context";
import { listAgentIds } from "./executors/gateway-reads";
import type { OpenClawCli } from "./openclaw-cli";
import { isRecord } from "./json-record";

export const STATUS_CONCURRENCY = 2;
const STATUS_TIMEOUT_MS = 90_000;
export const CONFIG_CHANGED_DEBOUNCE_MS = 2_000;

type AgentStatus = { agentKey: string; takenAt: string; status: unknown };

export type StatusReporterDependencies = {
  channel: Pick<ConsoleChannel, "postReports">;
  gateway: () => Promise<GatewayRequester>;
  openclaw: OpenClawCli;
  log: AgentLog;
  now: () => number;
};

/** Runs `work` over `items`, at most `limit` at a time, keeping the input order in the results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export class StatusReporter {
  private debounce: NodeJS.Timeout | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private periodMs: number | null = null;
  private stopped = false;

  constructor(private readonly deps: StatusReporterDependencies) {}

  /** Takes and posts the status of these agents (every agent on the host when empty); returns how many. */
  async reportAgents(agentKeys: readonly string[]): Promise<number> {
    const keys = agentKeys.length > 0 ? agentKeys : (await listAgentIds(await this.deps.gateway())).ids;
    const statuses = (await mapLimited(keys, STATUS_CONCURRENCY, (key) => this.takeStatus(key))).filter(
      (status): status is AgentStatus => status !== null,
    );
    for (let start = 0; start < statuses.length; start += MAX_REPORTS_PER_REQUEST)
      await this.deps.channel.postReports({
        reports: statuses.slice(start, start + MAX_REPORTS_PER_REQUEST),
      });
    this.deps.log("status.reported", { agents: statuses.length, asked: keys.length });
    return statuses.length;
  }

  async takeStatus(agentKey: string): Promise<AgentStatus | null> {
    const takenAt = new Date(this.deps.now()).toISOString();
    try {
      const { stdout } = await this.deps.openclaw({
        args: ["models", "status", "--json", "--agent", agentKey],
        timeoutMs: STATUS_TIMEOUT_MS,
      });
      return { agentKey, takenAt, status: JSON.parse(stdout) as unknown };
    } catch (error) {
      this.deps.log("status.failed", {
        agentKey,
        reason: error instanceof Error ? error.message.slice(0, 300) : "unknown",
      });
      return null;
    }
  }

  async gatewayState(): Promise<GatewayStateReport> {
    const gateway = await this.deps.gateway();
    const [config, agents, authStatus] = await Promise.all([
      gateway.request("config.get", {}),
      gateway.request("agents.list", {}),
      gateway.request("models.authStatus", {}),
    ]);
    const configAnswer = isRecord(config) ? config : {};
    return {
      takenAt: new Date(this.deps.now()).toISOString(),
      configHash: typeof configAnswer.hash === "string" ? configAnswer.hash : "",
      // `parsed` comes from OpenClaw with its secrets already replaced by "__OPENCLAW_REDACTED__".
      config: isRecord(configAnswer.parsed) ? configAnswer.parsed : {},
      agents,
      authStatus,
    };
  }

  async reportGatewayState(): Promise<void> {
    await this.deps.channel.postReports({ reports: [], gatewayState: await this.gatewayState() });
    this.deps.log("gateway_state.reported");
  }

  /** The `config.changed` hook: one report for a burst of events. */
  configChanged(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.reportGatewayState().catch((error: unknown) =>
        this.deps.log("gateway_state.failed", { reason: error instanceof Error ? error.message : "unknown" }),
      );
    }, CONFIG_CHANGED_DEBOUNCE_MS);
  }

  /** Reports every agent every `intervalMs` from now on (a new interval restarts the wait; the same one is kept). */
  reportEvery(intervalMs: number): void {
    if (this.stopped || intervalMs === this.periodMs) return;
    this.periodMs = intervalMs;
    this.schedulePeriodic();
  }

  private schedulePeriodic() {
    if (this.periodic) clearTimeout(this.periodic);
    if (this.periodMs === null) return;
    this.periodic = setTimeout(() => {
      this.reportAgents([])
        .catch((error: unknown) =>
          this.deps.log("status.failed", {
            reason: error instanceof Error ? error.message.slice(0, 300) : "unknown",
          }),
        )
        .finally(() => {
          if (!this.stopped) this.schedulePeriodic();
        });
    }, this.periodMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.periodic) clearTimeout(this.periodic);
    this.debounce = null;
    this.periodic = null;
  }
}
