/**
 * A dedicated Postgres connection that LISTENs on some channels for as long as the process wants it, and
 * reconnects by itself when the connection drops (a Postgres restart, a network blip). Notifications sent while
 * it was disconnected are lost, so `onReconnect` tells the caller to re-check whatever it was waiting for.
 */
import pg from "pg";

export type NotificationListener = {
  /** Resolves once the first LISTEN is in place (tests and start-up wait for it). */
  ready: Promise<void>;
  close(): Promise<void>;
};

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 10_000;

export function listenForNotifications(
  connectionString: string,
  {
    channels,
    onNotification,
    onReconnect,
    onConnectionError = () => undefined,
    applicationName = "clawfleet-listener",
  }: {
    channels: readonly string[];
    /** Shown in `pg_stat_activity`, so an operator (or a test) can tell this connection apart. */
    applicationName?: string;
    onNotification: (channel: string, payload: string) => void;
    onReconnect: () => void;
    /** The error's name only is worth logging: driver errors may echo connection details. */
    onConnectionError?: (error: unknown) => void;
  },
): NotificationListener {
  let closed = false;
  let client: pg.Client | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let connectedBefore = false;

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    failures += 1;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** (failures - 1));
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const connect = async () => {
    const current = new pg.Client({ connectionString, application_name: applicationName });
    client = current;
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (error !== undefined) onConnectionError(error);
      current.removeAllListeners("notification");
      void current.end().catch(() => undefined);
      if (client === current) client = null;
      scheduleReconnect();
    };
    current.on("error", drop);
    current.on("end", () => drop());
    current.on("notification", (message) => {
      onNotification(message.channel, message.payload ?? "");
    });
    try {
      await current.connect();
      for (const channel of channels) await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (closed) {
      await current.end().catch(() => undefined);
      return;
    }
    failures = 0;
    if (connectedBefore) onReconnect();
    connectedBefore = true;
    markReady();
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on("error", () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
