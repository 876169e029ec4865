import { describe, expect, it } from "vitest";
import { profileIdProblem, profileIdSchema, providerIdProblem, providerIdSchema } from "./openclaw-ids";

describe("OpenClaw provider ids", () => {
  it.each(["openai", "anthropic", "openai-codex", "minimax-portal", "google-gemini-cli", "x.ai", "a_b"])(
    "accepts %s",
    (provider) => expect(providerIdProblem(provider)).toBeNull(),
  );

  it.each([
    "$(curl x)",
    "`id`",
    "openai;id",
    "open ai",
    "open'ai",
    "openai\nid",
    "-openai",
    "ünï",
    "",
    "OpenAI",
  ])("refuses %j with the rule", (provider) =>
    expect(providerIdProblem(provider)).toMatch(/^Provider id .* is refused: OpenClaw provider ids/u),
  );

  it("checks the normalised form in schemas (OpenClaw trims and lower-cases)", () => {
    expect(providerIdSchema.safeParse(" OpenAI ").success).toBe(true);
    expect(providerIdSchema.safeParse("open$ai").success).toBe(false);
  });
});

describe("OpenClaw profile ids", () => {
  it.each([
    "openai:default",
    "anthropic:manual",
    "openai:user+tag@example.com",
    "anthropic:claude-cli",
    "openai-codex:codex-cli",
    "inline-api-key:openai",
    "anthropic:Work_2",
    "anthropic:Work Team",
    "openai:Team A:2",
  ])("accepts %s", (profileId) => expect(profileIdProblem(profileId)).toBeNull());

  it.each([
    "openai:$(curl x)",
    "openai:`id`",
    "openai:a;id",
    "openai: leading",
    "openai:trailing ",
    "openai:tab\there",
    "openai:o'brien",
    'openai:"x"',
    "openai:a\nb",
    "openai:ünï",
    "openai:",
    ":default",
    "no-colon",
    "$(x):default",
    `openai:${"a".repeat(300)}`,
  ])("refuses %j with a message quoting it escaped", (profileId) => {
    const problem = profileIdProblem(profileId) ?? "";
    expect(problem).toMatch(/^Profile id ".*" is (refused|longer)/u);
    expect(problem).not.toContain("\n");
    expect(profileIdSchema.safeParse(profileId).success).toBe(false);
  });
});
