import { describe, expect, it } from "vitest";

import { compareLocale } from "./locale-order";

describe("compareLocale (OpenClaw's localeCompare order)", () => {
  it("orders profile ids as the real CLI listed them (lab capture auth-sort-locale), not by code unit", () => {
    const ids = [
      "anthropic:Zed",
      "anthropic:alpha",
      "anthropic:B",
      "anthropic:b",
      "anthropic:1st",
      "anthropic:a.b",
    ];
    expect([...ids].sort(compareLocale)).toEqual([
      "anthropic:1st",
      "anthropic:a.b",
      "anthropic:alpha",
      "anthropic:b",
      "anthropic:B",
      "anthropic:Zed",
    ]);
    expect([...ids].sort()).not.toEqual([...ids].sort(compareLocale));
  });

  it("puts punctuation before digits and letters", () => {
    expect(["a1", "a-", "aa"].sort(compareLocale)).toEqual(["a-", "a1", "aa"]);
  });
});
