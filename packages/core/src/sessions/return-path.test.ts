import { describe, expect, it } from "vitest";
import { returnPathAfterSignIn, signInPathReturningTo } from "./return-path";

describe("returnPathAfterSignIn", () => {
  it("keeps a path on the console with its query and fragment", () => {
    expect(returnPathAfterSignIn("/reauth-link/abc_DEF-123")).toBe("/reauth-link/abc_DEF-123");
    expect(returnPathAfterSignIn("/agents?q=billing&sort=health#list")).toBe(
      "/agents?q=billing&sort=health#list",
    );
  });

  it.each([
    ["nothing asked", undefined],
    ["empty", ""],
    ["protocol-relative", "//evil.example/agents"],
    ["backslash protocol-relative", "/\\evil.example"],
    ["absolute URL", "https://evil.example/"],
    ["a scheme", "javascript:alert(1)"],
    ["a relative path", "agents"],
    ["a tab that browsers drop", "/\t/evil.example"],
    ["the sign-in page itself", "/login?next=/agents"],
    ["an API route", "/api/auth/signout"],
    ["too long", `/${"a".repeat(3_000)}`],
  ])("sends %s to the fleet home", (_why, requested) => {
    expect(returnPathAfterSignIn(requested)).toBe("/");
  });

  it("normalises dot segments without leaving the console", () => {
    expect(returnPathAfterSignIn("/agents/../../../audit")).toBe("/audit");
  });
});

describe("signInPathReturningTo", () => {
  it("carries the page as `next`, encoded", () => {
    expect(signInPathReturningTo("/agents/billing-4?tab=status")).toBe(
      "/login?next=%2Fagents%2Fbilling-4%3Ftab%3Dstatus",
    );
  });

  it("is the bare sign-in page for the home or an unsafe target", () => {
    expect(signInPathReturningTo("/")).toBe("/login");
    expect(signInPathReturningTo("//evil.example")).toBe("/login");
  });
});
