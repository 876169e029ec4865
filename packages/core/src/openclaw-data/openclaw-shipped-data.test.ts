import { describe, expect, it } from "vitest";
import { OPENCLAW_2026_9_6 } from "./openclaw-2026.9.6";
import { OPENCLAW_DATA } from "./openclaw-shipped-data";

// why: the committed file must be the extraction script's untouched output (`npm run openclaw:extract-data --
// --check` compares it byte for byte where the package is installed); here, without the package, its version
// and shape are checked.
describe("the extracted OpenClaw 2026.9.6 data", () => {
  it("names its version in the module, the constant and the content, and is the data core uses", () => {
    expect(OPENCLAW_2026_9_6.openclawVersion).toBe("2026.9.6");
    expect(OPENCLAW_DATA).toBe(OPENCLAW_2026_9_6);
  });

  it("holds the built-in default model, aliases and the Anthropic API-key seeds as OpenClaw ships them", () => {
    expect(OPENCLAW_DATA.defaultModel).toEqual({ provider: "openai", model: "gpt-6-astra" });
    expect(OPENCLAW_DATA.defaultModelAliases).toMatchObject({
      opus: "anthropic/claude-opus-5",
      gemini: "google/gemini-3.1-pro-preview",
      "gpt-mini": "openai/gpt-5.4-mini",
    });
    expect(OPENCLAW_DATA.anthropicApiKeySeededModels).toEqual([
      "anthropic/claude-sonnet-5",
      "anthropic/claude-sonnet-4-6",
    ]);
    expect(OPENCLAW_DATA.utilityModels).toEqual({ anthropic: "claude-haiku-4-5", openai: "gpt-5.6-luna" });
  });

  it("keys every catalog and policy by a lower-case provider, with non-empty unique model ids", () => {
    for (const [provider, ids] of Object.entries(OPENCLAW_DATA.catalog)) {
      expect(provider).toBe(provider.toLowerCase());
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => id.trim() !== "" && id === id.trim())).toBe(true);
    }
    expect(Object.keys(OPENCLAW_DATA.catalog)).toEqual(
      expect.arrayContaining(["anthropic", "openai", "google"]),
    );
    for (const provider of Object.keys(OPENCLAW_DATA.modelIdNormalization)) {
      expect(provider).toBe(provider.toLowerCase());
    }
    expect(OPENCLAW_DATA.modelIdNormalization.google?.aliases?.["gemini-3-pro"]).toBe(
      "gemini-3.1-pro-preview",
    );
  });
});
