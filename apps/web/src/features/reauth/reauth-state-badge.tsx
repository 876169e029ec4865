import { REAUTH_STATE_LABELS, type ReauthState } from "@clawfleet/core/reauth/reauth-request";

const TONES: Record<ReauthState, string> = {
  requested: "border-amber-400 text-amber-900 dark:text-amber-200",
  link_issued: "border-amber-400 text-amber-900 dark:text-amber-200",
  credential_submitted: "border-sky-400 text-sky-900 dark:text-sky-200",
  applied: "border-emerald-400 text-emerald-900 dark:text-emerald-200",
  pushed: "border-emerald-400 text-emerald-900 dark:text-emerald-200",
  verified: "border-emerald-600 text-emerald-900 dark:text-emerald-200",
  expired: "border-red-400 text-red-900 dark:text-red-200",
  cancelled: "border-zinc-400 text-zinc-700 dark:text-zinc-300",
  failed: "border-red-400 text-red-900 dark:text-red-200",
};

/** A request's state in words (colour only repeats what the words say). */
export function ReauthStateBadge({ state }: { state: ReauthState }) {
  return (
    <span
      data-testid="reauth-state"
      className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${TONES[state]}`}
    >
      {REAUTH_STATE_LABELS[state]}
    </span>
  );
}
