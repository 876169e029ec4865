import { describe, expect, it } from "vitest";
import { redactCredentialStrings, redactSecrets, redactSecretsInText } from "./redact-secrets";

const apiKey = "sk-ant-api03-CANARYabcdefghijklmnopqrstuvwxyz0123456789";
const setupToken = "sk-ant-oat01-CANARYzyxwvutsrqponmlkjihgfedcba9876543210";

describe("redactSecretsInText", () => {
  it.each([
    { text: `key=${apiKey}`, leaked: apiKey },
    { text: `pasted ${setupToken} here`, leaked: setupToken },
    { text: "Authorization: Bearer abcdefghijklmnop.qrstu", leaked: "abcdefghijklmnop" },
    { text: "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX", leaked: "ABCDEFGHIJKLMNOPQRSTUVWX" },
  ])("removes $leaked", ({ text, leaked }) => {
    expect(redactSecretsInText(text)).not.toContain(leaked);
  });

  it("leaves ordinary text alone", () => {
    expect(redactSecretsInText("anthropic:default uses sk-ant-a...12345678")).toBe(
      "anthropic:default uses sk-ant-a...12345678",
    );
  });
});

describe("redactSecrets", () => {
  it("redacts nested credential strings and secret-named fields", () => {
    const redacted = redactSecrets({ a: [{ note: `was ${apiKey}` }], token: "short", name: "ok" });
    expect(JSON.stringify(redacted)).not.toContain("CANARY");
    expect(redacted).toEqual({
      a: [{ note: "was [redacted anthropic credential]" }],
      token: "[redacted]",
      name: "ok",
    });
  });
});

describe("redactCredentialStrings", () => {
  it("redacts credential strings but keeps every key and OpenClaw's masks", () => {
    const report = {
      auth: {
        providers: [{ labels: [`anthropic:default=${apiKey}`, "anthropic:x=sk-ant-a...12345678"], token: 1 }],
      },
    };
    expect(redactCredentialStrings(report)).toEqual({
      auth: {
        providers: [
          {
            labels: ["anthropic:default=[redacted anthropic credential]", "anthropic:x=sk-ant-a...12345678"],
            token: 1,
          },
        ],
      },
    });
  });
});

describe("redacting keys", () => {
  it("redacts a credential used as a key, keeps both values when two redacted keys collide, and keeps __proto__ a plain key", () => {
    const one = `sk-ant-api03-${"a".repeat(40)}`;
    const two = `sk-ant-api03-${"b".repeat(40)}`;
    const parsed = JSON.parse(
      `{"aliases": {"${one}": "x", "${two}": "y", "__proto__": {"polluted": 1}}}`,
    ) as unknown;
    const redacted = redactCredentialStrings(parsed);
    expect(JSON.stringify(redacted)).not.toContain("aaaaaaaa");
    expect(redacted).toEqual({
      aliases: JSON.parse(
        '{"[redacted anthropic credential]": "x", "[redacted anthropic credential] #2": "y", "__proto__": {"polluted": 1}}',
      ) as unknown,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
