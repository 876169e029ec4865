import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { ModelsStatusOutcome } from "../models-status/models-status-report";
import { selectedCredentialExpiries } from "./auth-matrix";

/** A token or OAuth sign-in with an expiry, for the expiry timeline (expired ones included). */
export type CredentialExpiry = {
  profileId: string;
  provider: string;
  type: Exclude<AuthProfileType, "api_key">;
  expiresAt: number;
};

/** A cooldown or disable window, for the list of unusable profiles. */
export type CredentialWindow = {
  profileId: string;
  /** Null for a usage entry whose profile no store holds (OpenClaw prints no provider then). */
  provider: string | null;
  kind: "cooldown" | "disabled";
  reason: string | null;
  until: number;
  recoveryHint: string;
};

export type CredentialTimeline = { expiries: CredentialExpiry[]; windows: CredentialWindow[] };

/**
 * The time-bound credential facts of one agent's status, as absolute instants: every token or OAuth sign-in
 * the agent uses with its expiry (per provider, the profile OpenClaw selects: the same credentials the auth
 * matrix's `expiring` filter and `--check` look at, so the fleet page's counts agree with them), and every
 * unusable window with its end (`auth.unusableProfiles`). A list page filters them with `now` when it reads
 * (`expiresAt <= now + horizon`, `until > now`), so they stay true until the status itself changes. A
 * refusal has none.
 */
export function credentialTimelineOf(outcome: ModelsStatusOutcome): CredentialTimeline {
  if (!outcome.ok) return { expiries: [], windows: [] };
  const { auth } = outcome.status;
  return {
    expiries: selectedCredentialExpiries(outcome),
    windows: auth.unusableProfiles.map((window) => ({
      profileId: window.profileId,
      provider: window.provider ?? null,
      kind: window.kind,
      reason: window.reason ?? null,
      until: window.until,
      recoveryHint: window.recoveryHint,
    })),
  };
}
