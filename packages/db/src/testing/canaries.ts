/**
 * Canary secrets for leak scans (security checklist B2.1): one unique fake secret per kind, each with an
 * explicit CANARY marker and a random body, plus a scanner that looks for the value and its derivatives
 * anywhere in captured text (responses, logs, audit rows, a pg_dump).
 */
import { randomBytes } from "node:crypto";

export type CanaryKind = "apiKey" | "setupToken" | "oauthAccess" | "oauthRefresh" | "ingestToken";

export type Canary = {
  kind: CanaryKind;
  value: string;
  /** The vendor prefix OpenClaw and Clawfleet print in masks (e.g. `sk-ant-api03-`). */
  prefix: string;
  /** The part after the prefix that nothing may ever print, not even partly. */
  secretPart: string;
};

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random letters and digits (no `-`/`_`, so a window never lines up with a separator). */
function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

function canary(kind: CanaryKind, prefix: string, bodyLength: number): Canary {
  const secretPart = `CANARY${randomAlphanumeric(bodyLength)}`;
  return { kind, value: `${prefix}${secretPart}`, prefix, secretPart };
}

/** A fresh set of provider canaries; a setup-token passes OpenClaw's 80-character minimum. */
export function makeProviderCanaries() {
  return {
    apiKey: canary("apiKey", "sk-ant-api03-", 90),
    setupToken: canary("setupToken", "sk-ant-oat01-", 90),
    oauthAccess: canary("oauthAccess", "sk-ant-oat01-", 90),
    oauthRefresh: canary("oauthRefresh", "sk-ant-ort01-", 90),
  } satisfies Record<string, Canary>;
}

/** Wraps a secret the server generated (e.g. an ingest token `cfi_…`) so the scanner can look for it. */
export function canaryOf(kind: CanaryKind, value: string, prefix: string): Canary {
  if (!value.startsWith(prefix)) throw new Error(`${kind} does not start with ${prefix}`);
  return { kind, value, prefix, secretPart: value.slice(prefix.length) };
}

export const CANARY_WINDOW = 12;

/**
 * Every string whose presence means the canary leaked: the full value, the value without its prefix,
 * every 12-character window of its secret part, and the base64, base64url and URL-encoded full value.
 */
export function canaryDerivatives(entry: Canary): { form: string; text: string }[] {
  const derivatives = [
    { form: "full", text: entry.value },
    { form: "without prefix", text: entry.secretPart },
    { form: "base64", text: Buffer.from(entry.value).toString("base64") },
    { form: "base64url", text: Buffer.from(entry.value).toString("base64url") },
    { form: "url-encoded", text: encodeURIComponent(entry.value) },
  ];
  for (let start = 0; start + CANARY_WINDOW <= entry.secretPart.length; start += 1)
    derivatives.push({ form: `window@${start}`, text: entry.secretPart.slice(start, start + CANARY_WINDOW) });
  return derivatives;
}

export type CanaryHit = { surface: string; kind: CanaryKind; form: string; excerpt: string };

/** A scanner over many surfaces; it counts what it read so a report can say how much was scanned. */
export class CanaryScanner {
  readonly hits: CanaryHit[] = [];
  readonly scanned = new Map<string, { items: number; bytes: number }>();
  private readonly patterns: { kind: CanaryKind; form: string; text: string }[];

  constructor(canaries: readonly Canary[]) {
    this.patterns = canaries.flatMap((entry) =>
      canaryDerivatives(entry).map((derivative) => ({ kind: entry.kind, ...derivative })),
    );
  }

  /** Scans one text of a surface; `allow` names canary kinds this one text may legitimately carry. */
  scan(surface: string, text: string, allow: readonly CanaryKind[] = []): void {
    const tally = this.scanned.get(surface) ?? { items: 0, bytes: 0 };
    tally.items += 1;
    tally.bytes += Buffer.byteLength(text);
    this.scanned.set(surface, tally);
    for (const pattern of this.patterns) {
      if (allow.includes(pattern.kind)) continue;
      const at = text.indexOf(pattern.text);
      if (at === -1) continue;
      // why: the excerpt shows where the leak is; it quotes at most the window itself, never more.
      this.hits.push({
        surface,
        kind: pattern.kind,
        form: pattern.form,
        excerpt: text.slice(Math.max(0, at - 40), at).replace(/\s+/g, " "),
      });
    }
  }

  /** One line per surface: items and bytes scanned. */
  summary(): string {
    return [...this.scanned]
      .map(([surface, { items, bytes }]) => `${surface}: ${items} items, ${bytes} bytes`)
      .join("\n");
  }
}
