/**
 * OpenClaw's display mask for a credential (`maskApiKey`, facts §1.3): short values keep less of their
 * ends so that the mask never reveals most of a short secret.
 * - empty → `missing`
 * - up to 6 characters → first 1 + `...` + last 1
 * - up to 16 characters → first 2 + `...` + last 2
 * - longer → first 8 + `...` + last 8
 */
export function maskSecret(value: string): string {
  if (value.length === 0) return "missing";
  const keep = value.length <= 6 ? 1 : value.length <= 16 ? 2 : 8;
  return `${value.slice(0, keep)}...${value.slice(-keep)}`;
}
