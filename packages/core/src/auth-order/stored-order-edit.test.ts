import { describe, expect, it } from "vitest";
import { storedOrderDraftOf, storedOrderProblem } from "./stored-order-edit";

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

describe("storedOrderDraftOf", () => {
  it("starts from the resolved order, then the excluded profiles, then the rest, each available one once", () => {
    const draft = storedOrderDraftOf(
      {
        profileIds: ["anthropic:b", "anthropic:a"],
        excluded: [
          { profileId: "anthropic:gone" },
          { profileId: "anthropic:c" },
          { profileId: "anthropic:a" },
        ],
      },
      ["anthropic:a", "anthropic:b", "anthropic:c", "anthropic:d"],
    );
    expect(draft).toEqual(["anthropic:b", "anthropic:a", "anthropic:c", "anthropic:d"]);
    expect(
      storedOrderProblem({ provider: "anthropic", profileIds: draft }, [
        "anthropic:a",
        "anthropic:b",
        "anthropic:c",
        "anthropic:d",
      ]),
    ).toBeNull();
  });
});
