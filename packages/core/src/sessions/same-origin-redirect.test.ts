import { describe, expect, it } from "vitest";
import { sameOriginRedirect } from "./same-origin-redirect";

const base = "http://localhost:3400";

describe("sameOriginRedirect", () => {
  it("keeps paths and absolute URLs of this console", () => {
    expect(sameOriginRedirect("/agents?team=1", base)).toBe("http://localhost:3400/agents?team=1");
    expect(sameOriginRedirect("http://localhost:3400/invite/x", base)).toBe("http://localhost:3400/invite/x");
  });

  it.each([
    "http://localhost:3400.evil.example/",
    "https://localhost:3400/",
    "http://localhost:3401/",
    "//evil.example/",
    "/\\evil.example/",
    "http://evil.example/\n[next-auth][error] forged",
    "javascript:alert(1)",
    "http://[::1",
  ])("sends %j home instead", (target) => {
    expect(sameOriginRedirect(target, base)).toBe("http://localhost:3400/");
  });
});
