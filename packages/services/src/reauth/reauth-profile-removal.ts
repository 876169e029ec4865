/**
 * What happens to the re-auth requests of profiles that go away (an import that no longer lists them): a
 * request nobody can finish any more ends instead of lingering. One still waiting for a credential is
 * cancelled; one whose credential was applied or pushed, and so waits for a report that can never show the
 * profile healthy, is marked failed. Each end leaves its timeline entry and audit row, in the caller's
 * transaction, before the profiles are deleted (the request keeps its history; its profile link is cleared).
 */
import {
  OPEN_REAUTH_STATES,
  type ReauthState,
  REAUTH_TRANSITIONS,
} from "@clawfleet/core/reauth/reauth-request";
import type { Db } from "@clawfleet/db/client";
import { listReauthRequestsCoveringProfiles } from "@clawfleet/db/reauth.repository";
import type { Actor } from "../service-context";
import { moveReauthRequestBy, recordStep } from "./reauth-steps";

/** States whose requests a removed profile ends: waiting for a credential, or for a report after applying it. */
const ENDED_BY_REMOVAL: readonly ReauthState[] = [
  ...OPEN_REAUTH_STATES,
  ...(Object.keys(REAUTH_TRANSITIONS.fail) as ReauthState[]),
];

type RemovedProfiles = { teamId: string; authProfileIds: readonly string[] };

/** The requests the removal of these profiles ends. */
function requestsEndedByRemoval(db: Db, { teamId, authProfileIds }: RemovedProfiles) {
  if (authProfileIds.length === 0) return Promise.resolve([]);
  return listReauthRequestsCoveringProfiles(db, { teamId, authProfileIds, states: ENDED_BY_REMOVAL });
}

/** How many requests a removal would end: what the import preview says. */
export async function countRequestsEndedByRemoval(db: Db, removed: RemovedProfiles): Promise<number> {
  return (await requestsEndedByRemoval(db, removed)).length;
}

/** The preview's line about them, or null when there are none. */
export function removalNotice(count: number): string | null {
  if (count === 0) return null;
  return `${count} open re-auth request${count === 1 ? "" : "s"} for removed profiles will end when this import is committed (cancelled, or failed if the credential was already applied).`;
}

/** Ends the requests of profiles about to be removed; returns how many ended. */
export async function endRequestsOfRemovedProfiles(
  tx: Db,
  {
    teamId,
    authProfileIds,
    actor,
    auditRequestId,
    now,
    reason,
  }: RemovedProfiles & {
    actor: Actor;
    auditRequestId: string;
    now: Date;
    /** Why, in words, for the timeline (e.g. "Its profile was removed by import …"). */
    reason: string;
  },
): Promise<number> {
  const requests = await requestsEndedByRemoval(tx, { teamId, authProfileIds });
  let ended = 0;
  for (const request of requests) {
    const step = { teamId, requestId: request.id, actor, auditRequestId, now };
    const cancel = OPEN_REAUTH_STATES.includes(request.state);
    const moved = await moveReauthRequestBy(
      tx,
      step,
      cancel ? "cancel" : "fail",
      request,
      cancel ? { changes: { cancelledAt: now } } : {},
    );
    if (!moved) continue;
    ended += 1;
    await recordStep(tx, step, {
      kind: cancel ? "cancelled" : "failed",
      action: cancel ? "reauth.cancel" : "reauth.fail",
      detail: { reason },
    });
  }
  return ended;
}
