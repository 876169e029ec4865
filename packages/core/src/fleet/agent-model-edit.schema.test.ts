import { describe, expect, it } from "vitest";
import {
  agentModelChoiceOf,
  agentModelChoiceSchema,
  agentModelConfigOf,
  agentParamsEditSchema,
} from "./agent-model-edit.schema";

describe("agent model choice", () => {
  it.each([
    { stored: null, choice: { mode: "inherit" } },
    { stored: "anthropic/claude-opus-4-8", choice: { mode: "strict", primary: "anthropic/claude-opus-4-8" } },
    {
      stored: { primary: "anthropic/claude-opus-4-8" },
      choice: { mode: "strict", primary: "anthropic/claude-opus-4-8" },
    },
    { stored: { primary: "a/b", fallbacks: [] }, choice: { mode: "strict", primary: "a/b" } },
    {
      stored: { primary: "a/b", fallbacks: ["c/d"] },
      choice: { mode: "fallbacks", primary: "a/b", fallbacks: ["c/d"] },
    },
    { stored: { fallbacks: ["c/d"] }, choice: { mode: "inherit" } },
  ])("reads $stored as $choice.mode", ({ stored, choice }) => {
    expect(agentModelChoiceOf(stored)).toEqual(choice);
  });

  it.each([
    { choice: { mode: "inherit" as const }, stored: null },
    { choice: { mode: "strict" as const, primary: "opus" }, stored: "opus" },
    {
      choice: { mode: "fallbacks" as const, primary: "a/b", fallbacks: ["c/d", "e/f"] },
      stored: { primary: "a/b", fallbacks: ["c/d", "e/f"] },
    },
  ])("stores $choice.mode in OpenClaw's form", ({ choice, stored }) => {
    expect(agentModelConfigOf(choice)).toEqual(stored);
    expect(agentModelChoiceOf(agentModelConfigOf(choice))).toEqual(choice);
  });

  it.each([
    { input: { mode: "fallbacks", primary: "a/b", fallbacks: [] }, message: "Add at least one fallback" },
    {
      input: { mode: "fallbacks", primary: "a/b", fallbacks: ["c/d", "c/d"] },
      message: "Each fallback may appear once.",
    },
    { input: { mode: "strict", primary: "has space/model" }, message: "Use provider/model" },
    { input: { mode: "strict", primary: "" }, message: "Choose a model." },
  ])("refuses $input with a message", ({ input, message }) => {
    const result = agentModelChoiceSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join(" ")).toContain(message);
  });
});

describe("agent params edit", () => {
  it("accepts known params and passes provider-specific ones through", () => {
    const parsed = agentParamsEditSchema.parse({
      layer: { kind: "agent" },
      params: { cacheRetention: "long", temperature: 0.2, extra_body: { a: 1 } },
    });
    expect(parsed.params).toEqual({ cacheRetention: "long", temperature: 0.2, extra_body: { a: 1 } });
  });

  it.each([
    { params: { cacheRetention: "standard" } },
    { params: { temperature: 3 } },
    { params: { maxTokens: -1 } },
  ])("refuses $params", ({ params }) => {
    expect(agentParamsEditSchema.safeParse({ layer: { kind: "agent" }, params }).success).toBe(false);
  });
});
