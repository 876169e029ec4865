import { describe, expect, it } from "vitest";
import {
  DEFAULT_AGENT_LIST_SORT,
  VERDICT_SEVERITY,
  agentHealthOf,
  formatAgentListSort,
  parseAgentListSort,
} from "./agent-list";

describe("parseAgentListSort / formatAgentListSort", () => {
  it.each([
    { url: "health:desc", sort: { key: "health", direction: "desc" } },
    { url: "model", sort: { key: "model", direction: "asc" } },
    { url: "gateway:asc", sort: { key: "gateway", direction: "asc" } },
    { url: "nonsense:desc", sort: DEFAULT_AGENT_LIST_SORT },
    { url: "", sort: DEFAULT_AGENT_LIST_SORT },
    { url: null, sort: DEFAULT_AGENT_LIST_SORT },
  ])("$url → $sort.key $sort.direction", ({ url, sort }) => {
    expect(parseAgentListSort(url)).toEqual(sort);
  });

  it("round-trips every sort, the default as no parameter", () => {
    expect(formatAgentListSort(DEFAULT_AGENT_LIST_SORT)).toBe("");
    expect(formatAgentListSort({ key: "name", direction: "desc" })).toBe("name:desc");
    expect(parseAgentListSort(formatAgentListSort({ key: "health", direction: "desc" }))).toEqual({
      key: "health",
      direction: "desc",
    });
  });
});

describe("VERDICT_SEVERITY", () => {
  it("ranks ok < expiring < failing < refused", () => {
    const ranked = Object.entries(VERDICT_SEVERITY)
      .sort(([, a], [, b]) => a - b)
      .map(([verdict]) => verdict);
    expect(ranked).toEqual(["ok", "expiring", "failing", "refused"]);
  });
});

describe("agentHealthOf", () => {
  const stored = {
    effectiveVerdict: "failing" as const,
    computedVerdict: "failing" as const,
    worstCause: "anthropic is in use with no usable auth.",
    updating: false,
  };
  it.each([
    { case: "no stored status yet", input: null, expected: { state: "pending" } },
    {
      case: "failing with its worst cause",
      input: stored,
      expected: {
        state: "known",
        verdict: "failing",
        reason: "anthropic is in use with no usable auth.",
        reported: false,
        updating: false,
      },
    },
    {
      case: "ok has no reason, even with a leftover cause",
      input: { ...stored, effectiveVerdict: "ok" as const, computedVerdict: "ok" as const, updating: true },
      expected: { state: "known", verdict: "ok", reason: null, reported: false, updating: true },
    },
    {
      case: "a newer host report overrules the computation",
      input: { ...stored, effectiveVerdict: "expiring" as const },
      expected: {
        state: "known",
        verdict: "expiring",
        reason: "The host reported Expiring; the console computes Failing.",
        reported: true,
        updating: false,
      },
    },
    {
      case: "failing without a stored cause",
      input: { ...stored, worstCause: null },
      expected: { state: "known", verdict: "failing", reason: null, reported: false, updating: false },
    },
  ])("$case", ({ input, expected }) => {
    expect(agentHealthOf(input)).toEqual(expected);
  });
});
