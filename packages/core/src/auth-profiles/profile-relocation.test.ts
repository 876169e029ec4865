import { describe, expect, it } from "vitest";
import { profileRelocationProblem, renameInStoredOrders } from "./profile-relocation";

const shared = (profileId: string) => ({ profileId, storeAgentId: null });
const own = (profileId: string) => ({ profileId, storeAgentId: "agent-1" });

describe("profileRelocationProblem", () => {
  it.each([
    {
      case: "a rename in the same store",
      type: "api_key",
      from: shared("anthropic:a"),
      to: shared("anthropic:b"),
    },
    {
      case: "a move to an agent's own store",
      type: "token",
      from: shared("anthropic:a"),
      to: own("anthropic:a"),
    },
    {
      case: "a move of an id the config names (the id stays)",
      type: "api_key",
      from: own("anthropic:a"),
      to: shared("anthropic:a"),
      namedInConfig: true,
    },
  ] as const)("allows $case", ({ type, from, to, ...rest }) => {
    expect(profileRelocationProblem({ type, from, to, namedInConfig: "namedInConfig" in rest })).toBeNull();
  });

  it.each([
    {
      case: "no change",
      type: "api_key",
      from: shared("anthropic:a"),
      to: shared("anthropic:a"),
      expected: /already there/,
    },
    {
      case: "an OAuth sign-in",
      type: "oauth",
      from: shared("anthropic:a"),
      to: own("anthropic:a"),
      expected: /sign in again/,
    },
    {
      case: "another provider",
      type: "api_key",
      from: shared("anthropic:a"),
      to: shared("openai:a"),
      expected: /keeps its provider \(anthropic:…\)/,
    },
    {
      case: "an id OpenClaw refuses",
      type: "api_key",
      from: shared("anthropic:a"),
      to: shared("anthropic:o'brien"),
      expected: /is refused/,
    },
    {
      case: "a rename of an id the config names",
      type: "token",
      from: shared("anthropic:a"),
      to: shared("anthropic:b"),
      namedInConfig: true,
      expected: /named in the gateway's config/,
    },
  ] as const)("refuses $case", ({ type, from, to, expected, ...rest }) => {
    expect(profileRelocationProblem({ type, from, to, namedInConfig: "namedInConfig" in rest })).toMatch(
      expected,
    );
  });
});

describe("renameInStoredOrders", () => {
  it("renames the id wherever a provider's list names it, keeping the order", () => {
    expect(
      renameInStoredOrders(
        { anthropic: ["anthropic:x", "anthropic:a"], openai: ["openai:a"] },
        "anthropic:a",
        "anthropic:b",
      ),
    ).toEqual({ anthropic: ["anthropic:x", "anthropic:b"], openai: ["openai:a"] });
  });

  it("answers null when no list names it", () => {
    expect(renameInStoredOrders({ anthropic: ["anthropic:x"] }, "anthropic:a", "anthropic:b")).toBeNull();
  });
});
