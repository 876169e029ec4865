import { describe, expect, it } from "vitest";
import { storedOrderProblem } from "./stored-order-edit";

const available = ["anthropic:work", "anthropic:default"];

describe("storedOrderProblem", () => {
  it("accepts every available profile once, in any order, and a clear", () => {
    expect(
      storedOrderProblem(
        { provider: "anthropic", profileIds: ["anthropic:default", "anthropic:work"] },
        available,
      ),
    ).toBeNull();
    expect(storedOrderProblem({ provider: "anthropic", profileIds: null }, available)).toBeNull();
  });

  it.each([
    [["anthropic:work"], "profileIds must include every available profile for provider anthropic"],
    [["anthropic:work", "anthropic:work"], "profileIds must be unique (anthropic:work is listed twice)"],
    [
      ["anthropic:work", "anthropic:default", "anthropic:gone"],
      "anthropic:gone is not an available anthropic profile",
    ],
  ])("refuses %j: %s", (profileIds, message) => {
    expect(storedOrderProblem({ provider: "anthropic", profileIds }, available)).toContain(message);
  });
});
