import { describe, expect, it } from "vitest";

import { formatRemainingShort } from "./format-remaining";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("formatRemainingShort (facts §1.4)", () => {
  it.each([
    { remainingMs: -5 * HOUR, expected: "0m" },
    { remainingMs: 0, expected: "0m" },
    { remainingMs: 1, expected: "1m" },
    { remainingMs: 25_527, expected: "1m" },
    { remainingMs: 90_000, expected: "2m" },
    { remainingMs: 59 * MINUTE, expected: "59m" },
    { remainingMs: 59.6 * MINUTE, expected: "1h" },
    { remainingMs: 89 * MINUTE, expected: "1h" },
    { remainingMs: 90 * MINUTE, expected: "2h" },
    { remainingMs: 47 * HOUR, expected: "47h" },
    { remainingMs: 47.6 * HOUR, expected: "2d" },
    { remainingMs: 72 * HOUR, expected: "3d" },
  ])("$remainingMs ms → $expected", ({ remainingMs, expected }) => {
    expect(formatRemainingShort(remainingMs)).toBe(expected);
  });
});
