"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { toast } from "sonner";
import type { JobDone, LiveTopic } from "@clawfleet/core/live/change-event";
import { describeJobDone } from "@clawfleet/core/live/job-done-message";
import { useTRPC } from "~/trpc/react";
import { setLiveConnection } from "./live-connection";

const EVENTS_URL = "/api/events";
/** Changes arriving within this window refetch once. */
const COALESCE_MS = 250;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

type ChangeMessage = { topic: LiveTopic; ids?: string[]; done?: JobDone };

/**
 * Keeps the console's data current without polling: one server-sent-events stream per tab (`/api/events`, the
 * caller's team's changes, whichever instance or worker made them); each change refetches the active queries of
 * the routers that show it. After a gap (reconnect, `resync`) everything is refetched, since changes may have been
 * missed. A background job the user started toasts when it finishes. Mount once, in the console shell.
 */
export function useLiveUpdates(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  useEffect(() => {
    const routersFor: Record<LiveTopic, { pathFilter: () => { queryKey: readonly unknown[] } }[]> = {
      agents: [trpc.agents, trpc.fleet, trpc.authMatrix, trpc.credentials, trpc.exports],
      statuses: [trpc.fleet, trpc.agents, trpc.authMatrix, trpc.snapshots, trpc.credentials],
      reauth: [trpc.reauth, trpc.fleet],
      jobs: [trpc.imports, trpc.bulkEdits, trpc.hostAgents, trpc.reauth],
      profiles: [trpc.authProfiles, trpc.credentials, trpc.authMatrix, trpc.agents, trpc.fleet],
      gateways: [trpc.gateways, trpc.hostAgents, trpc.fleet, trpc.agents, trpc.ingestTokens],
      members: [trpc.members, trpc.invitations, trpc.session],
    };
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let connectedBefore = false;
    let stopped = false;
    const pending = new Set<LiveTopic>();

    const refetchAll = () => void queryClient.invalidateQueries();
    const flush = () => {
      flushTimer = null;
      const routers = new Set([...pending].flatMap((topic) => routersFor[topic]));
      pending.clear();
      for (const router of routers) void queryClient.invalidateQueries(router.pathFilter());
    };
    const onChange = (message: ChangeMessage) => {
      if (message.done) {
        const { message: text, failed } = describeJobDone(message.done);
        if (failed) toast.error(text);
        else toast.success(text);
      }
      pending.add(message.topic);
      flushTimer ??= setTimeout(flush, COALESCE_MS);
    };

    const connect = () => {
      if (stopped) return;
      const current = new EventSource(EVENTS_URL);
      source = current;
      current.addEventListener("ready", () => {
        failures = 0;
        setLiveConnection("live");
        // why: whatever changed while the stream was down was not announced to this tab.
        if (connectedBefore) refetchAll();
        connectedBefore = true;
      });
      current.addEventListener("change", (event) => {
        try {
          onChange(JSON.parse((event as MessageEvent<string>).data) as ChangeMessage);
        } catch {
          refetchAll();
        }
      });
      current.addEventListener("resync", refetchAll);
      current.addEventListener("end", () => {
        // The session ended: stop, and let the session query show the sign-in prompt.
        current.close();
        setLiveConnection("ended");
        void queryClient.invalidateQueries(trpc.session.pathFilter());
      });
      current.onerror = () => {
        setLiveConnection("reconnecting");
        // why: the browser retries a dropped stream itself, but gives up on an HTTP error (401, 503): retry then.
        if (current.readyState !== EventSource.CLOSED || stopped) return;
        failures += 1;
        const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1));
        retryTimer = setTimeout(connect, delay);
      };
    };

    connect();
    return () => {
      stopped = true;
      source?.close();
      if (retryTimer) clearTimeout(retryTimer);
      if (flushTimer) clearTimeout(flushTimer);
      setLiveConnection("connecting");
    };
  }, [trpc, queryClient]);
}
