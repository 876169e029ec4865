import { describe, expect, it } from "vitest";
import { adminAccountSchema, teamSlugOf } from "./admin-account.schema";

describe("adminAccountSchema", () => {
  it("normalises the email and refuses short passwords with a plain message", () => {
    expect(
      adminAccountSchema.parse({
        email: " Ops@Example.COM ",
        name: "Ops",
        password: "correct horse battery",
        teamName: " Platform ",
      }),
    ).toEqual({
      email: "ops@example.com",
      name: "Ops",
      password: "correct horse battery",
      teamName: "Platform",
    });
    const refused = adminAccountSchema.safeParse({
      email: "ops@example.com",
      name: "Ops",
      password: "short",
      teamName: "Platform",
    });
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      "Password must be at least 12 characters.",
    ]);
  });
});

describe("teamSlugOf", () => {
  it.each([
    ["Platform team", "platform-team"],
    ["  Équipe Réseau  ", "equipe-reseau"],
    ["ops/$(curl x)", "ops-curl-x"],
    ["日本", "team"],
    ["a".repeat(60), "a".repeat(48)],
  ])("%s → %s", (name, slug) => {
    expect(teamSlugOf(name)).toBe(slug);
  });
});
