import type { AuthProfileType } from "../fleet/auth-profile";
import { type ReauthMethod, type ReauthState, reauthLapsesAt, reauthStateAt } from "./reauth-request";

/**
 * One step of a request's timeline: a state it entered, a link change (`link_revoked`), or the deadline
 * reminder (`reminded`); who did it, when.
 */
export type ReauthTimelineEntry = {
  kind: ReauthState | "link_revoked" | "reminded";
  actorLabel: string;
  at: Date;
  /** Display-safe facts (reason, masks, counts); never a secret. */
  detail: unknown;
};

export type ReauthCoveredProfile = {
  authProfileId: string;
  profileId: string;
  provider: string;
  type: AuthProfileType;
  gatewayId: string;
  gatewayName: string;
  owner: { kind: "shared" } | { kind: "agent"; agentId: string; agentName: string; agentKey: string };
  expires: Date | null;
  /** Masks only, as OpenClaw shows them. */
  masks: string[];
  cooldownUntil: Date | null;
  cooldownReason: string | null;
  disabledUntil: Date | null;
  disabledReason: string | null;
};

export type ReauthCoveredAgent = { id: string; name: string; agentKey: string; gatewayName: string };

/** A request as the tracking page shows it. */
export type ReauthRequestView = {
  id: string;
  state: ReauthState;
  method: ReauthMethod;
  provider: string;
  profileLabel: string;
  fingerprint: string | null;
  requestedBy: { id: string; label: string };
  assignee: { id: string; email: string; name: string } | null;
  deadline: Date | null;
  linkExpiresAt: Date | null;
  /** A link was issued and is neither used, revoked nor replaced. */
  hasLiveLink: boolean;
  createdAt: Date;
  submittedAt: Date | null;
  appliedAt: Date | null;
  verifiedAt: Date | null;
  cancelledAt: Date | null;
  expiredAt: Date | null;
  version: number;
  profiles: ReauthCoveredProfile[];
  agentCount: number;
  /** At most the first 200, by name. */
  agents: ReauthCoveredAgent[];
  timeline: ReauthTimelineEntry[];
};

/**
 * A stored request as a reader sees it at `now`: one that has lapsed shows as expired (since the instant it
 * lapsed), with no live link, before the worker has stored that. Nothing is written.
 */
export function reauthViewAt(view: ReauthRequestView, now: Date): ReauthRequestView {
  const state = reauthStateAt(view, now);
  if (state === view.state) return view;
  return { ...view, state, hasLiveLink: false, expiredAt: view.expiredAt ?? reauthLapsesAt(view) };
}
