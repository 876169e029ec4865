import { describe, expect, it } from "vitest";
import { type Role, roleAllows } from "./role-rank";

describe("roleAllows", () => {
  it.each<[Role, Role, boolean]>([
    ["viewer", "viewer", true],
    ["viewer", "operator", false],
    ["viewer", "admin", false],
    ["operator", "viewer", true],
    ["operator", "admin", false],
    ["admin", "operator", true],
    ["admin", "admin", true],
  ])("%s holding, %s required: %s", (held, required, allowed) => {
    expect(roleAllows(held, required)).toBe(allowed);
  });
});
