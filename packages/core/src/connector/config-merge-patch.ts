// Builds the OpenClaw `config.patch` that turns one fragment of `openclaw.json` into another. OpenClaw merges the
// patch (RFC 7396 style: objects merge, `null` removes a key) but replaces an array only when its dotted path is
// listed in `replacePaths` (facts §5), so every array that changes is listed, including one that is removed or
// replaced by another kind of value (OpenClaw refuses to drop an array's entries otherwise).

export type ConfigMergePatch = { patch: Record<string, unknown>; replacePaths: string[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function collectArrayPaths(value: unknown, path: string, into: string[]) {
  if (Array.isArray(value)) {
    into.push(path);
    return;
  }
  if (isPlainObject(value))
    for (const [key, child] of Object.entries(value)) collectArrayPaths(child, `${path}.${key}`, into);
}

function diff(before: unknown, after: unknown, path: string, replacePaths: string[]): unknown {
  if (isPlainObject(before) && isPlainObject(after)) {
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(before)) {
      if (key in after && after[key] !== undefined) continue;
      patch[key] = null;
      // OpenClaw also refuses to drop an array's entries unless its path is listed (seen on 2026.9.6).
      collectArrayPaths(before[key], path ? `${path}.${key}` : key, replacePaths);
    }
    for (const [key, value] of Object.entries(after)) {
      if (value === undefined || sameValue(before[key], value)) continue;
      patch[key] = diff(before[key], value, path ? `${path}.${key}` : key, replacePaths);
    }
    return patch;
  }
  collectArrayPaths(before, path, replacePaths);
  collectArrayPaths(after, path, replacePaths);
  return after;
}

/**
 * The patch from `before` to `after`, both rooted at `at` (e.g. `["agents", "entries", "main"]`), wrapped so it
 * applies at the config root. Keys absent from `after` (or `undefined`) are removed. Returns null when nothing changes.
 */
export function configMergePatch(
  at: readonly string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ConfigMergePatch | null {
  if (sameValue(before, after)) return null;
  const replacePaths: string[] = [];
  let patch = diff(before, after, at.join("."), replacePaths) as Record<string, unknown>;
  if (Object.keys(patch).length === 0) return null;
  for (const key of [...at].reverse()) patch = { [key]: patch };
  return { patch, replacePaths: [...new Set(replacePaths)] };
}
