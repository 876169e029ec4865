/**
 * OpenClaw sorts what `models status` lists (health profiles, providers, runtime routes, missing providers)
 * with `String.prototype.localeCompare` in the host's default locale: ICU collation, not code-unit order, so
 * `anthropic:b` < `anthropic:B` < `anthropic:Zed` and punctuation sorts before digits and letters. The hosts
 * the parity captures come from run in `en-US` (also what Node picks for `LANG=C`); the locale is pinned so the
 * console's order does not depend on where it runs.
 */
const OPENCLAW_COLLATOR = new Intl.Collator("en-US");

/** `left.localeCompare(right)` as OpenClaw's host evaluates it; for `Array.prototype.sort`. */
export function compareLocale(left: string, right: string): number {
  return OPENCLAW_COLLATOR.compare(left, right);
}
