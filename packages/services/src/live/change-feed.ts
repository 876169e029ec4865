/**
 * Live updates across web instances (issue 13). Each web process keeps ONE LISTEN connection on the change feed
 * (the database's triggers announce every change, whichever process made it) and fans each event out to the event
 * streams it holds for that event's team only. Nothing is kept in memory across instances: a change made on any
 * instance, or by the worker, reaches the browsers held by every instance.
 */
import { type ChangeEvent, type LiveTopic, parseChangeEvent } from "@clawfleet/core/live/change-event";
import { CHANGE_FEED_CHANNEL, SESSION_ENDS_CHANNEL } from "@clawfleet/db/change-feed";
import { listenForNotifications } from "@clawfleet/db/notification-listener";
import { forgetTeamStatusReads } from "../statuses/shared-status-reads";

/**
 * What a subscriber is told: a change of its team; `resync` after the connection was lost (notifications sent
 * meanwhile are gone, so everything shown may be stale); `session` when its user's session may have ended.
 */
export type LiveMessage = { type: "change"; event: ChangeEvent } | { type: "resync" } | { type: "session" };

export type LiveSubscriber = { teamId: string; userId: string; deliver: (message: LiveMessage) => void };

export type ChangeFeed = {
  /** Registers a subscriber; the returned function removes it. */
  subscribe(subscriber: LiveSubscriber): () => void;
  /** How many subscribers this process holds (a gauge for logs and tests). */
  size(): number;
  /** Resolves once the LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
};

/** Topics whose change can alter a stored-status read (fleet page, auth matrix) that this process shares. */
const STATUS_READ_TOPICS: ReadonlySet<LiveTopic> = new Set(["agents", "statuses", "profiles", "gateways"]);

export function createChangeFeed(
  connectionString: string,
  { onConnectionError }: { onConnectionError?: (error: unknown) => void } = {},
): ChangeFeed {
  const byTeam = new Map<string, Set<LiveSubscriber>>();

  const each = (subscribers: Iterable<LiveSubscriber>, message: LiveMessage) => {
    for (const subscriber of subscribers) {
      try {
        subscriber.deliver(message);
      } catch {
        // why: one broken stream must not keep the event from the others.
      }
    }
  };

  const listener = listenForNotifications(connectionString, {
    channels: [CHANGE_FEED_CHANNEL, SESSION_ENDS_CHANNEL],
    applicationName: "clawfleet-live",
    onNotification: (channel, payload) => {
      if (channel === SESSION_ENDS_CHANNEL) {
        for (const subscribers of byTeam.values())
          each(
            [...subscribers].filter((subscriber) => subscriber.userId === payload),
            { type: "session" },
          );
        return;
      }
      const event = parseChangeEvent(payload);
      if (!event) return;
      // why: a change written by another process (the worker, another instance) must not be answered from this
      // process's shared read of the moment before, or the browser refetches the old answer.
      if (STATUS_READ_TOPICS.has(event.topic)) forgetTeamStatusReads(event.team);
      const subscribers = byTeam.get(event.team);
      if (subscribers) each([...subscribers], { type: "change", event });
    },
    onReconnect: () => {
      for (const [teamId, subscribers] of byTeam) {
        forgetTeamStatusReads(teamId);
        each([...subscribers], { type: "resync" });
      }
    },
    onConnectionError,
  });

  return {
    subscribe(subscriber) {
      let subscribers = byTeam.get(subscriber.teamId);
      if (!subscribers) {
        subscribers = new Set();
        byTeam.set(subscriber.teamId, subscribers);
      }
      subscribers.add(subscriber);
      return () => {
        const current = byTeam.get(subscriber.teamId);
        current?.delete(subscriber);
        if (current?.size === 0) byTeam.delete(subscriber.teamId);
      };
    },
    size: () => [...byTeam.values()].reduce((total, subscribers) => total + subscribers.size, 0),
    ready: listener.ready,
    async close() {
      byTeam.clear();
      await listener.close();
    },
  };
}
