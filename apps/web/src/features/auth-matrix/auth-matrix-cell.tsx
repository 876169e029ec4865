import type {
  AuthMatrixCell as Cell,
  AuthMatrixFilter,
  AuthMatrixWindow,
} from "@clawfleet/core/fleet/auth-matrix";
import { formatCountdown } from "~/features/fleet/use-now";

const TYPE_WORDS = { api_key: "API key", token: "setup-token", oauth: "OAuth" } as const;
const SOURCE_WORDS = { env: "env", "models.json": "models.json", synthetic: "built-in auth" } as const;

/** A small glyph per state; it always sits beside the state in words, so colour is never the only signal. */
const STATE_LOOK = {
  ok: { icon: "✓", tone: "text-emerald-700 dark:text-emerald-400" },
  static: { icon: "•", tone: "text-zinc-600 dark:text-zinc-300" },
  expiring: { icon: "◷", tone: "text-amber-700 dark:text-amber-300" },
  expired: { icon: "✕", tone: "text-red-700 dark:text-red-400" },
  missing: { icon: "?", tone: "text-red-700 dark:text-red-400" },
  cooldown: { icon: "❄", tone: "text-sky-700 dark:text-sky-300" },
  disabled: { icon: "⊘", tone: "text-red-700 dark:text-red-400" },
} as const;

function windowWords(window: Pick<AuthMatrixWindow, "kind" | "reason" | "until">, now: number): string {
  const left = formatCountdown(window.until - now);
  return window.kind === "cooldown"
    ? `cooldown${window.reason ? ` (${window.reason})` : ""} for ${left}`
    : `disabled:${window.reason ?? "unknown"} for ${left}`;
}

/** The cell's status in words: `ok`, `expiring in 19h 58m`, `cooldown (rate_limit) for 3m 10s`, … */
export function cellStatusWords(cell: Cell, now: number): string {
  if (cell.window) return windowWords(cell.window, now);
  switch (cell.state) {
    case "expiring":
      return cell.expiresAt === undefined
        ? "expiring"
        : `expiring in ${formatCountdown(cell.expiresAt - now)}`;
    case "expired":
      return "expired";
    case "ok":
      return cell.expiresAt === undefined ? "ok" : `ok · ${formatCountdown(cell.expiresAt - now)} left`;
    case "static":
      return "static (no expiry)";
    case "missing":
      return cell.source === "profiles" ? "missing: no eligible profile" : "missing";
    case "cooldown":
    case "disabled":
      return cell.state;
  }
}

/** One agent × provider cell: the profile OpenClaw would use now, its type, and its status. */
export function AuthMatrixCell({
  cell,
  now,
  highlight,
}: {
  cell: Cell | undefined;
  now: number;
  highlight: AuthMatrixFilter | undefined;
}) {
  if (!cell) {
    return (
      <td className="px-2 py-1.5 text-zinc-400 dark:text-zinc-600">
        <span aria-hidden="true">—</span>
        <span className="sr-only">not used</span>
      </td>
    );
  }
  const look = STATE_LOOK[cell.state];
  const highlighted = highlight !== undefined && cell.matches[highlight];
  const status = cellStatusWords(cell, now);
  return (
    <td
      data-provider={cell.provider}
      data-highlighted={highlighted ? "true" : undefined}
      className={`px-2 py-1.5 align-top ${highlighted ? "bg-amber-50 ring-2 ring-inset ring-amber-400 dark:bg-amber-950/40 dark:ring-amber-600" : ""}`}
    >
      {cell.profile ? (
        <span className="block truncate font-mono text-xs" title={cell.profile.label}>
          {cell.profile.profileId}
        </span>
      ) : cell.source !== "missing" && cell.source !== "profiles" ? (
        <span className="block truncate font-mono text-xs" title={cell.detail}>
          {SOURCE_WORDS[cell.source]}
          {cell.detail ? `: ${cell.detail}` : ""}
        </span>
      ) : null}
      <span className="block text-xs text-zinc-500 dark:text-zinc-400">
        {cell.profile
          ? TYPE_WORDS[cell.profile.type]
          : cell.source === "missing"
            ? "no auth"
            : "key outside the store"}
        {cell.missingInUse ? " · in use" : ""}
      </span>
      <span className={`block text-xs font-medium ${look.tone}`}>
        <span aria-hidden="true">{look.icon} </span>
        {status}
      </span>
      {cell.skipped.length > 0 ? (
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          skipped:{" "}
          {cell.skipped.map((window) => `${window.profileId} (${windowWords(window, now)})`).join("; ")}
        </span>
      ) : null}
      {highlighted ? <span className="sr-only"> (matches the filter)</span> : null}
    </td>
  );
}
