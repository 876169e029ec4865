import { describe, expect, it } from "vitest";
import { copyableStoredOrders } from "./agent-duplicate";

const shared = [
  { profileId: "anthropic:team", provider: "anthropic" },
  { profileId: "anthropic:backup", provider: "anthropic" },
  { profileId: "openai:main", provider: "openai" },
];

type Case = {
  case: string;
  orders: Record<string, string[]>;
  copied: Record<string, string[]>;
  dropped: string[];
};

describe("copyableStoredOrders", () => {
  it.each<Case>([
    {
      case: "an order of shared profiles only is copied as is",
      orders: { anthropic: ["anthropic:backup", "anthropic:team"] },
      copied: { anthropic: ["anthropic:backup", "anthropic:team"] },
      dropped: [],
    },
    {
      case: "the source's own profiles are left out when the shared ones remain complete",
      orders: { anthropic: ["anthropic:mine", "anthropic:team", "anthropic:backup"] },
      copied: { anthropic: ["anthropic:team", "anthropic:backup"] },
      dropped: [],
    },
    {
      case: "an order missing a shared profile would be refused, so it is dropped",
      orders: { anthropic: ["anthropic:mine", "anthropic:team"] },
      copied: {},
      dropped: ["anthropic"],
    },
    {
      case: "an order of own profiles only leaves nothing to copy",
      orders: { openai: ["openai:mine"] },
      copied: {},
      dropped: ["openai"],
    },
    {
      case: "each provider is decided on its own",
      orders: { openai: ["openai:main"], anthropic: ["anthropic:team"] },
      copied: { openai: ["openai:main"] },
      dropped: ["anthropic"],
    },
  ])("$case", ({ orders, copied, dropped }) => {
    expect(copyableStoredOrders(orders, shared)).toEqual({ copied, dropped });
  });
});
