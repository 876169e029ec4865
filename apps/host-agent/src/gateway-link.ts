// One loopback connection to the local Gateway, opened on first use and opened again after it drops. Each new
// connection gets the event listener (the reporter's `config.changed` hook) before it is handed out.
import {
  connectGateway,
  type GatewayConnection,
  type GatewayEventListener,
} from "@clawfleet/openclaw-gateway/gateway-client";
import { AGENT_VERSION } from "./version";

/** A job waits this long for a starting Gateway before it answers `retry`. */
const STARTUP_RETRY_BUDGET_MS = 15_000;

export class GatewayLink {
  private current: Promise<GatewayConnection> | null = null;

  constructor(private readonly options: { url: string; token: string; onEvent?: GatewayEventListener }) {}

  connection(): Promise<GatewayConnection> {
    if (this.current) {
      const existing = this.current;
      return existing.then((connection) => (connection.closed ? this.reconnect() : connection));
    }
    return this.reconnect();
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (!current) return;
    const connection = await current.catch(() => null);
    await connection?.close();
  }

  private reconnect(): Promise<GatewayConnection> {
    const opening = connectGateway({
      url: this.options.url,
      token: this.options.token,
      clientVersion: AGENT_VERSION,
      startupRetryBudgetMs: STARTUP_RETRY_BUDGET_MS,
    }).then((connection) => {
      if (this.options.onEvent) connection.onEvent(this.options.onEvent);
      return connection;
    });
    this.current = opening;
    // A failed open is not kept: the next caller tries again.
    opening.catch(() => {
      if (this.current === opening) this.current = null;
    });
    return opening;
  }
}
