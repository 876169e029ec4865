export type AuditFieldChange = {
  /** Dotted path of the field, e.g. `model.primary`; array items by index. */
  path: string;
  kind: "added" | "removed" | "changed" | "unchanged";
  before?: unknown;
  after?: unknown;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  // Arrays stay whole: a reordered fallback list reads better as one before/after pair.
  into.set(prefix || "(value)", value);
}

/**
 * The redacted before/after snapshots of an audit entry as a field-by-field list, in the order the
 * fields first appear (before, then fields only present after).
 */
export function diffAuditSnapshots(before: unknown, after: unknown): AuditFieldChange[] {
  const beforeFields = new Map<string, unknown>();
  const afterFields = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, "", beforeFields);
  if (after !== null && after !== undefined) flatten(after, "", afterFields);
  const paths = [...new Set([...beforeFields.keys(), ...afterFields.keys()])];
  return paths.map((path) => {
    const hasBefore = beforeFields.has(path);
    const hasAfter = afterFields.has(path);
    const oldValue = beforeFields.get(path);
    const newValue = afterFields.get(path);
    if (!hasBefore) return { path, kind: "added", after: newValue };
    if (!hasAfter) return { path, kind: "removed", before: oldValue };
    const kind = JSON.stringify(oldValue) === JSON.stringify(newValue) ? "unchanged" : "changed";
    return { path, kind, before: oldValue, after: newValue };
  });
}
