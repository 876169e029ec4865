import { describe, expect, it } from "vitest";
import { gatewayDefaultsEditSchema } from "./gateway-defaults-edit.schema";

describe("gatewayDefaultsEditSchema", () => {
  it("accepts a default model with fallbacks and params, or no default model", () => {
    const edit = {
      model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: ["anthropic/claude-opus-4-6"] },
      params: { cacheRetention: "long" },
    };
    expect(gatewayDefaultsEditSchema.parse(edit)).toEqual(edit);
    expect(gatewayDefaultsEditSchema.safeParse({ model: null, params: {} }).success).toBe(true);
  });

  it.each([
    [{ model: { primary: "", fallbacks: [] }, params: {} }, "Choose a model."],
    [{ model: { primary: "a/b", fallbacks: ["c/d", "c/d"] }, params: {} }, "Each fallback may appear once."],
    [{ model: null, params: { cacheRetention: "forever" } }, "Invalid option"],
  ])("refuses %j with %s", (input, message) => {
    const result = gatewayDefaultsEditSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});
