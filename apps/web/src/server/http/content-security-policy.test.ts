import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { TOAST_STYLE_HASHES, pageContentSecurityPolicy } from "./content-security-policy";

const hashOf = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

describe("the page policy and the toasts' injected stylesheet", () => {
  it("allows exactly what the installed sonner injects, and nothing else inline", () => {
    const bundle = readFileSync(createRequire(import.meta.url).resolve("sonner"), "utf8");
    const injected = [...bundle.matchAll(/__insertCSS\(("(?:[^"\\]|\\.)*")\);/gu)].map(
      (match) => JSON.parse(match[1] ?? '""') as string,
    );
    expect(injected).toHaveLength(1);
    expect([...TOAST_STYLE_HASHES]).toEqual([hashOf(injected[0] ?? ""), hashOf("")]);

    const styleSrc = pageContentSecurityPolicy("n0nce")
      .split("; ")
      .find((directive) => directive.startsWith("style-src "));
    expect(styleSrc).toBe(
      `style-src 'self' 'nonce-n0nce' '${TOAST_STYLE_HASHES[0]}' '${TOAST_STYLE_HASHES[1]}'`,
    );
    expect(styleSrc).not.toContain("unsafe-inline");
  });
});
