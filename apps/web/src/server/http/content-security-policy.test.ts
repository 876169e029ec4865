import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { SONNER_STYLE_HASHES, pageContentSecurityPolicy } from "./content-security-policy";

const styleHash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("the page policy", () => {
  it("allows exactly the stylesheet the installed sonner injects (and its empty first state)", () => {
    const source = readFileSync(createRequire(import.meta.url).resolve("sonner"), "utf8");
    const call = /^__insertCSS\((".*")\);?$/m.exec(source);
    expect(call, "sonner no longer injects its CSS this way; revisit SONNER_STYLE_HASHES").not.toBeNull();
    const css = JSON.parse(call?.[1] ?? '""') as string;
    expect([...SONNER_STYLE_HASHES]).toEqual([styleHash(css), styleHash("")]);
  });

  it("lets inline styles in by nonce or those hashes only", () => {
    const styleSource = /style-src ([^;]*)/.exec(pageContentSecurityPolicy("abc"))?.[1];
    expect(styleSource).toBe(`'self' 'nonce-abc' ${SONNER_STYLE_HASHES.join(" ")}`);
    expect(styleSource).not.toContain("unsafe-inline");
  });
});
