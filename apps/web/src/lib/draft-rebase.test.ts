import { describe, expect, it } from "vitest";
import { rebaseDraft } from "./draft-rebase";

type Draft = {
  hasModel: boolean;
  primary: string;
  fallbacks: string[];
  imageModel: string;
  params: { temperature: string };
};

const base: Draft = {
  hasModel: true,
  primary: "anthropic/claude-opus-4-8",
  fallbacks: ["anthropic/claude-sonnet-5"],
  imageModel: "",
  params: { temperature: "" },
};
const MODEL_GROUP = [["hasModel", "primary", "fallbacks"]] as const;

describe("rebaseDraft", () => {
  it("keeps what the user changed and takes what they left alone from the latest version", () => {
    const draft = { ...base, params: { temperature: "0.2" } };
    const latest = { ...base, imageModel: "openai/gpt-image-2" };
    expect(rebaseDraft(draft, base, latest, MODEL_GROUP)).toEqual({
      ...base,
      imageModel: "openai/gpt-image-2",
      params: { temperature: "0.2" },
    });
  });

  it("lets the user's change win where both changed the same field", () => {
    const draft = { ...base, imageModel: "google/gemini-3-pro-image" };
    const latest = { ...base, imageModel: "openai/gpt-image-2" };
    expect(rebaseDraft(draft, base, latest).imageModel).toBe("google/gemini-3-pro-image");
  });

  it("takes a group as a whole: a changed fallback keeps the user's primary beside it", () => {
    const draft = { ...base, fallbacks: [] };
    const latest = { ...base, primary: "openai/gpt-5.5", fallbacks: ["openai/gpt-5.5-mini"] };
    const rebased = rebaseDraft(draft, base, latest, MODEL_GROUP);
    expect(rebased).toMatchObject({ hasModel: true, primary: "anthropic/claude-opus-4-8", fallbacks: [] });
  });

  it("takes an untouched group from the latest version as a whole", () => {
    const draft = { ...base, params: { temperature: "0.2" } };
    const latest = { ...base, hasModel: false, primary: "", fallbacks: [] };
    expect(rebaseDraft(draft, base, latest, MODEL_GROUP)).toMatchObject({
      hasModel: false,
      primary: "",
      fallbacks: [],
      params: { temperature: "0.2" },
    });
  });

  it("compares nested values by content, not by identity", () => {
    const draft = { ...base, fallbacks: [...base.fallbacks], params: { temperature: "" } };
    const latest = { ...base, fallbacks: ["openai/gpt-5.5"], params: { temperature: "0.7" } };
    expect(rebaseDraft(draft, base, latest, MODEL_GROUP)).toEqual(latest);
  });
});
