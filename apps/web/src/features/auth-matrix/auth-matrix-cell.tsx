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

const TYPE_LETTERS = { api_key: "K", token: "T", oauth: "O" } as const;

/** A profile id without its `provider:` prefix, which the column already names. */
function shortProfileId(profileId: string, provider: string): string {
  return profileId.startsWith(`${provider}:`) ? profileId.slice(provider.length + 1) : profileId;
}

/** The few characters a dense cell shows for its status: `ok`, `19h 58m`, `3m 10s`, `expired`, … */
function shortStatus(cell: Cell, now: number): string {
  if (cell.window) return formatCountdown(cell.window.until - now);
  if (cell.state === "expiring" && cell.expiresAt !== undefined) return formatCountdown(cell.expiresAt - now);
  if (cell.state === "static") return "static";
  return cell.state;
}

/**
 * One agent × provider cell, dense: a type letter (K API key, T token, O OAuth), the profile id without its
 * provider, and the status as a glyph, a colour and a few words. The full description (profile id, type,
 * status in words, skipped profiles) is the cell's tooltip and its screen-reader text.
 */
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
      <td className="px-1.5 py-0.5 text-zinc-400 dark:text-zinc-600">
        <span aria-hidden="true">—</span>
        <span className="sr-only">not used</span>
      </td>
    );
  }
  const look = STATE_LOOK[cell.state];
  const highlighted = highlight !== undefined && cell.matches[highlight];
  const status = cellStatusWords(cell, now);
  const what = cell.profile
    ? `${cell.profile.profileId} · ${TYPE_WORDS[cell.profile.type]}`
    : cell.source !== "missing" && cell.source !== "profiles"
      ? `${SOURCE_WORDS[cell.source]}${cell.detail ? `: ${cell.detail}` : ""} · key outside the store`
      : "no auth";
  const skipped =
    cell.skipped.length > 0
      ? `skipped: ${cell.skipped.map((window) => `${window.profileId} (${windowWords(window, now)})`).join("; ")}`
      : "";
  const description = [what, status, cell.missingInUse ? "in use" : "", skipped].filter(Boolean).join(" · ");
  const shown = cell.profile
    ? shortProfileId(cell.profile.profileId, cell.provider)
    : cell.source === "missing" || cell.source === "profiles"
      ? "no auth"
      : SOURCE_WORDS[cell.source];
  return (
    <td
      data-provider={cell.provider}
      data-highlighted={highlighted ? "true" : undefined}
      title={description}
      className={`max-w-44 px-1.5 py-0.5 whitespace-nowrap ${highlighted ? "bg-amber-50 ring-2 ring-amber-400 ring-inset dark:bg-amber-950/40 dark:ring-amber-600" : ""}`}
    >
      <span aria-hidden="true" className="flex items-center gap-1 text-xs">
        <span className="inline-flex size-4 shrink-0 items-center justify-center rounded bg-zinc-100 font-mono text-[10px] font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {cell.profile ? TYPE_LETTERS[cell.profile.type] : "·"}
        </span>
        <span className="min-w-0 truncate font-mono">{shown}</span>
        <span className={`shrink-0 font-medium ${look.tone}`}>
          {look.icon} {shortStatus(cell, now)}
        </span>
        {cell.skipped.length > 0 ? (
          <span className="shrink-0 text-zinc-500">+{cell.skipped.length}</span>
        ) : null}
      </span>
      <span className="sr-only">
        {description}
        {highlighted ? " (matches the filter)" : ""}
      </span>
    </td>
  );
}
