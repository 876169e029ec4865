import { afterAll, describe, expect, it } from "vitest";
import { listenForNotifications } from "./notification-listener";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const url = process.env.DATABASE_URL ?? "";
const CHANNEL = "clawfleet_listener_test";
const APPLICATION = `listener-test-${process.pid}`;

/** Resolvers for what the listener reports, one promise at a time. */
function events() {
  const notifications: string[] = [];
  let notified: (() => void) | null = null;
  let reconnected: (() => void) | null = null;
  return {
    notifications,
    nextNotification: () => new Promise<void>((resolve) => (notified = resolve)),
    nextReconnect: () => new Promise<void>((resolve) => (reconnected = resolve)),
    onNotification: (_channel: string, payload: string) => {
      notifications.push(payload);
      notified?.();
    },
    onReconnect: () => reconnected?.(),
  };
}

const seen = events();
const listener = listenForNotifications(url, {
  channels: [CHANNEL],
  onNotification: seen.onNotification,
  onReconnect: seen.onReconnect,
  applicationName: APPLICATION,
});
afterAll(() => listener.close());

describe("the LISTEN connection", () => {
  it("hears notifications, and after its connection is killed reconnects, says so, and hears them again", async () => {
    await listener.ready;
    let heard = seen.nextNotification();
    await db.$executeRaw`SELECT pg_notify(${CHANNEL}, 'before')`;
    await heard;

    const reconnected = seen.nextReconnect();
    const killed = await db.$queryRaw<{ killed: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = ${APPLICATION}`;
    expect(killed).toEqual([{ killed: true }]);
    await reconnected;

    heard = seen.nextNotification();
    await db.$executeRaw`SELECT pg_notify(${CHANNEL}, 'after')`;
    await heard;
    expect(seen.notifications).toEqual(["before", "after"]);
  });
});
