import { describe, expect, it } from "vitest";
import { diffAuditSnapshots } from "./audit-diff";

describe("diffAuditSnapshots", () => {
  it("lists changed, unchanged, added and removed fields with nested paths", () => {
    expect(
      diffAuditSnapshots(
        { name: "old", model: { primary: "a", fallbacks: ["b"] }, gone: 1, version: 1 },
        { name: "new", model: { primary: "a", fallbacks: ["c", "b"] }, version: 2, extra: true },
      ),
    ).toEqual([
      { path: "name", kind: "changed", before: "old", after: "new" },
      { path: "model.primary", kind: "unchanged", before: "a", after: "a" },
      { path: "model.fallbacks", kind: "changed", before: ["b"], after: ["c", "b"] },
      { path: "gone", kind: "removed", before: 1 },
      { path: "version", kind: "changed", before: 1, after: 2 },
      { path: "extra", kind: "added", after: true },
    ]);
  });

  it("treats a missing side as all added or all removed", () => {
    expect(diffAuditSnapshots(null, { email: "a@b.c" })).toEqual([
      { path: "email", kind: "added", after: "a@b.c" },
    ]);
    expect(diffAuditSnapshots({ role: "viewer" }, undefined)).toEqual([
      { path: "role", kind: "removed", before: "viewer" },
    ]);
    expect(diffAuditSnapshots(null, null)).toEqual([]);
  });

  it("shows a scalar snapshot as one value", () => {
    expect(diffAuditSnapshots("x", "y")).toEqual([
      { path: "(value)", kind: "changed", before: "x", after: "y" },
    ]);
  });
});
