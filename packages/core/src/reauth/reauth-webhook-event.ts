import type { ReauthMethod, ReauthState } from "./reauth-request";

export const REAUTH_WEBHOOK_EVENTS = [
  "reauth.requested",
  "reauth.applied",
  "reauth.expired",
  "reauth.deadline_near",
] as const;
export type ReauthWebhookEventName = (typeof REAUTH_WEBHOOK_EVENTS)[number];

/** What a team webhook receives (also the outbox payload): ids, names and states, never a secret or link. */
export type ReauthWebhookEvent = {
  event: ReauthWebhookEventName;
  occurredAt: string;
  teamId: string;
  request: {
    id: string;
    state: ReauthState;
    method: ReauthMethod;
    provider: string;
    profiles: string;
    agentCount: number;
    deadline: string | null;
  };
};

export function reauthWebhookEvent(
  event: ReauthWebhookEventName,
  {
    teamId,
    occurredAt,
    request,
  }: {
    teamId: string;
    occurredAt: Date;
    request: {
      id: string;
      state: ReauthState;
      method: ReauthMethod;
      provider: string;
      profileLabel: string;
      agentCount: number;
      deadline: Date | null;
    };
  },
): ReauthWebhookEvent {
  return {
    event,
    occurredAt: occurredAt.toISOString(),
    teamId,
    request: {
      id: request.id,
      state: request.state,
      method: request.method,
      provider: request.provider,
      profiles: request.profileLabel,
      agentCount: request.agentCount,
      deadline: request.deadline?.toISOString() ?? null,
    },
  };
}
