import { describe, expect, it } from "vitest";
import { normalizeConfigModelRef, normalizeModelId } from "./model-id-normalization";

describe("normalizeModelId: manifest policies, then OpenClaw's code rules", () => {
  it.each([
    { provider: "google", model: "gemini-3-pro", expected: "gemini-3.1-pro-preview" },
    { provider: "google", model: "Gemini-3.1-Flash", expected: "gemini-3-flash-preview" },
    { provider: "google", model: "gemma-4-26b", expected: "gemma-4-26b-a4b-it" },
    { provider: "google-vertex", model: "gemini-3-flash", expected: "gemini-3-flash-preview" },
    { provider: "anthropic", model: "opus-4.8", expected: "claude-opus-4-8" },
    { provider: "anthropic", model: "anthropic/Haiku", expected: "claude-haiku-4-5" },
    { provider: "anthropic", model: "claude-nonexistent-9", expected: "claude-nonexistent-9" },
    { provider: "xai", model: "grok-4.5-latest", expected: "grok-4.5" },
    { provider: "xai", model: "grok-4-fast-reasoning", expected: "grok-4-fast" },
    { provider: "openrouter", model: "auto", expected: "openrouter/auto" },
    { provider: "openrouter", model: "moonshotai/kimi-k2", expected: "moonshotai/kimi-k2" },
    { provider: "nvidia", model: "nemotron-x", expected: "nvidia/nemotron-x" },
    {
      provider: "huggingface",
      model: "huggingface/deepseek-ai/DeepSeek-R1",
      expected: "deepseek-ai/DeepSeek-R1",
    },
    { provider: "together", model: "moonshotai/Kimi-K2.5", expected: "moonshotai/Kimi-K2.6" },
    { provider: "vercel-ai-gateway", model: "sonnet", expected: "anthropic/claude-sonnet-4-6" },
    { provider: "openai", model: " gpt-5.5 ", expected: "gpt-5.5" },
    { provider: "acme", model: "Big-1", expected: "Big-1" },
  ])("$provider/$model → $expected", ({ provider, model, expected }) => {
    expect(normalizeModelId(provider, model)).toBe(expected);
  });

  it("reads the policies it is given", () => {
    const data = {
      modelIdNormalization: { acme: { aliases: { big: "acme-big-2" }, prefixWhenBare: "ns/" } },
    };
    expect(normalizeModelId("acme", "BIG", data)).toBe("ns/acme-big-2");
  });
});

describe("normalizeConfigModelRef: what config load rewrites", () => {
  it.each([
    { raw: " Google/gemini-3-pro ", expected: "google/gemini-3.1-pro-preview" },
    { raw: "openrouter/google/gemini-3-flash", expected: "openrouter/google/gemini-3-flash-preview" },
    { raw: "Anthropic/opus-4.8", expected: "anthropic/opus-4.8" },
    { raw: "gemini", expected: "gemini" },
    { raw: "google/Gemini-3-Pro", expected: "google/Gemini-3-Pro" },
  ])("$raw → $expected", ({ raw, expected }) => {
    expect(normalizeConfigModelRef(raw)).toBe(expected);
  });
});
