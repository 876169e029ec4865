const MINUTE_MS = 60_000;

/**
 * OpenClaw's short countdown (`formatRemainingShort`, facts §1.4): ≤ 0 → `0m`; otherwise minutes rounded
 * (at least `1m`) below an hour; hours rounded below 48 h; days rounded beyond.
 */
export function formatRemainingShort(remainingMs: number): string {
  if (remainingMs <= 0) return "0m";
  const minutes = Math.max(1, Math.round(remainingMs / MINUTE_MS));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}
