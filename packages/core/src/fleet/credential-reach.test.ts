import { describe, expect, it } from "vitest";
import { agentsReachingProfiles } from "./credential-reach";

describe("agentsReachingProfiles", () => {
  const agents = [
    { id: "a1", name: "Inherits", gatewayId: "g1", ownProfileIds: [] },
    { id: "a2", name: "Overrides default", gatewayId: "g1", ownProfileIds: ["anthropic:default"] },
    { id: "a3", name: "Own token", gatewayId: "g1", ownProfileIds: ["anthropic:mine"] },
    { id: "b1", name: "Other gateway", gatewayId: "g2", ownProfileIds: [] },
  ];

  it("sends a shared profile to every agent of its gateway that does not override its id", () => {
    const reach = agentsReachingProfiles(agents, [
      { authProfileId: "p1", profileId: "anthropic:default", gatewayId: "g1", ownerAgentId: null },
    ]);
    expect(reach.get("p1")?.map((agent) => agent.id)).toEqual(["a1", "a3"]);
  });

  it("sends an agent's own profile to that agent only", () => {
    const reach = agentsReachingProfiles(agents, [
      { authProfileId: "p2", profileId: "anthropic:default", gatewayId: "g1", ownerAgentId: "a2" },
      { authProfileId: "p3", profileId: "anthropic:gone", gatewayId: "g1", ownerAgentId: "missing" },
    ]);
    expect(reach.get("p2")).toEqual([{ id: "a2", name: "Overrides default" }]);
    expect(reach.get("p3")).toEqual([]);
  });
});
