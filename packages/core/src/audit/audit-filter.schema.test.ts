import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "./audit-filter.schema";

describe("auditFilterSchema", () => {
  it("drops empty form fields and parses dates from strings", () => {
    expect(
      auditFilterSchema.parse({ actor: " ", action: "gateway.update", from: "2026-11-20T10:00:00Z", to: "" }),
    ).toEqual({ action: "gateway.update", from: new Date("2026-11-20T10:00:00Z") });
  });

  it("refuses a range that ends before it starts, at `to`", () => {
    const result = auditFilterSchema.safeParse({ from: "2026-11-21T00:00:00Z", to: "2026-11-20T00:00:00Z" });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["to"], message: "The end of the time range is before its start." }),
    ]);
  });

  it("refuses a date that is not one", () => {
    expect(auditFilterSchema.safeParse({ from: "yesterday-ish" }).error?.issues[0]?.path).toEqual(["from"]);
  });
});
