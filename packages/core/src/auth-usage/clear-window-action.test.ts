import { describe, expect, it } from "vitest";
import { clearWindowAction } from "./clear-window-action";

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
const MINUTE = 60_000;
const at = (offset: number) => new Date(NOW + offset);
const none = { cooldownUntil: null, cooldownReason: null, disabledUntil: null, disabledReason: null };
const iso = (instant: number) => new Date(instant).toISOString();

describe("clearWindowAction", () => {
  it.each([
    {
      case: "a rate-limit cooldown is cleared, with its countdown",
      windows: { ...none, cooldownUntil: at(4 * MINUTE), cooldownReason: "rate_limit" },
      expected: {
        kind: "clear-cooldown",
        label: "Clear cooldown (rate limit, ends in 4m)",
        reason: "rate limit",
      },
    },
    {
      case: "a billing disable is re-enabled, with when it would end",
      windows: { ...none, disabledUntil: at(5 * 60 * MINUTE), disabledReason: "billing" },
      expected: {
        kind: "re-enable",
        label: `Re-enable (disabled: billing, until ${iso(NOW + 5 * 60 * MINUTE)})`,
        reason: "billing",
      },
    },
    {
      case: "a disable wins over a cooldown running at the same time",
      windows: {
        cooldownUntil: at(MINUTE),
        cooldownReason: "rate_limit",
        disabledUntil: at(60 * MINUTE),
        disabledReason: "auth_permanent",
      },
      expected: { kind: "re-enable", reason: "auth revoked" },
    },
    {
      case: "a window without a reason says so by leaving it out",
      windows: { ...none, cooldownUntil: at(90 * MINUTE) },
      expected: { kind: "clear-cooldown", label: "Clear cooldown (ends in 2h)", reason: null },
    },
    {
      case: "an unknown reason is shown as OpenClaw wrote it",
      windows: { ...none, cooldownUntil: at(MINUTE), cooldownReason: "new_reason" },
      expected: { reason: "new_reason" },
    },
  ])("$case", ({ windows, expected }) => {
    expect(clearWindowAction(windows, NOW, iso)).toMatchObject(expected);
  });

  it.each([
    { case: "no window", windows: none },
    { case: "windows that already ended", windows: { ...none, cooldownUntil: at(-1), disabledUntil: at(0) } },
  ])("offers nothing for $case", ({ windows }) => {
    expect(clearWindowAction(windows, NOW, iso)).toBeNull();
  });
});
