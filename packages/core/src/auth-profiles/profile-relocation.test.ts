import { describe, expect, it } from "vitest";
import {
  type ProfilePlacement,
  profileRelocationProblem,
  renameInStoredOrders,
  storedOrdersFollowingRelocation,
} from "./profile-relocation";

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

describe("storedOrdersFollowingRelocation", () => {
  const orderNaming = (...ids: string[]) => ({ anthropic: ids });
  /** The shared store, agent-1 (no profile of its own), agent-2 (its own anthropic:team), all ordering anthropic:team. */
  const gateway = [
    {
      storeId: "shared",
      agentId: null,
      profileIds: ["anthropic:team"],
      order: orderNaming("anthropic:team"),
    },
    {
      storeId: "agent-1",
      agentId: "agent-1",
      profileIds: [],
      order: orderNaming("anthropic:team", "anthropic:b"),
    },
    {
      storeId: "agent-2",
      agentId: "agent-2",
      profileIds: ["anthropic:team"],
      order: orderNaming("anthropic:team"),
    },
  ];
  const renamedStores = (from: ProfilePlacement, to: ProfilePlacement) =>
    storedOrdersFollowingRelocation(gateway, from, to).map(({ storeId, order }) => [
      storeId,
      order.anthropic,
    ]);

  it("renames a shared profile in the orders that reach it, not in an agent's that means its own", () => {
    expect(renamedStores(shared("anthropic:team"), shared("anthropic:main"))).toEqual([
      ["shared", ["anthropic:main"]],
      ["agent-1", ["anthropic:main", "anthropic:b"]],
    ]);
  });

  it("renames an agent's own profile in that agent's order only", () => {
    const agentTwo = { profileId: "anthropic:team", storeAgentId: "agent-2" };
    expect(renamedStores(agentTwo, { ...agentTwo, profileId: "anthropic:mine" })).toEqual([
      ["agent-2", ["anthropic:mine"]],
    ]);
  });

  it("follows a shared profile moved into an agent's store only in that agent's order", () => {
    expect(renamedStores(shared("anthropic:team"), own("anthropic:solo"))).toEqual([
      ["agent-1", ["anthropic:solo", "anthropic:b"]],
    ]);
  });

  it("leaves an order alone when the new id there would mean the agent's own profile", () => {
    const stores = [
      {
        storeId: "agent-2",
        agentId: "agent-2",
        profileIds: ["anthropic:main"],
        order: orderNaming("anthropic:team"),
      },
    ];
    expect(
      storedOrdersFollowingRelocation(stores, shared("anthropic:team"), shared("anthropic:main")),
    ).toEqual([]);
  });

  it("changes no order when the id stays", () => {
    expect(renamedStores(shared("anthropic:team"), own("anthropic:team"))).toEqual([]);
  });
});
