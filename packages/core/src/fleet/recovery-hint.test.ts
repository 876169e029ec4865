import { describe, expect, it } from "vitest";
import { attentionActionOf, hintParts } from "./recovery-hint";

describe("hintParts", () => {
  it.each([
    {
      hint: "Re-authenticate with `openclaw models auth login --provider anthropic --profile-id 'anthropic:x'`.",
      parts: [
        { kind: "text", text: "Re-authenticate with " },
        {
          kind: "command",
          command: "openclaw models auth login --provider anthropic --profile-id 'anthropic:x'",
        },
      ],
    },
    {
      hint: "Top up credits (provider billing) or switch provider.",
      parts: [{ kind: "text", text: "Top up credits (provider billing) or switch provider." }],
    },
    {
      hint: "Run `a` then `b`",
      parts: [
        { kind: "text", text: "Run " },
        { kind: "command", command: "a" },
        { kind: "text", text: " then " },
        { kind: "command", command: "b" },
      ],
    },
    { hint: "Unpaired ` stays text", parts: [{ kind: "text", text: "Unpaired ` stays text" }] },
    { hint: "Empty `` goes", parts: [{ kind: "text", text: "Empty  goes" }] },
    { hint: "", parts: [] },
    {
      hint: "Run `a`. Then wait.",
      parts: [
        { kind: "text", text: "Run " },
        { kind: "command", command: "a" },
        { kind: "text", text: ". Then wait." },
      ],
    },
  ])("$hint", ({ hint, parts }) => {
    expect(hintParts(hint)).toEqual(parts);
  });
});

describe("attentionActionOf", () => {
  it.each([
    {
      kind: "credential",
      detail: { profileId: "anthropic:team-sub" },
      action: { kind: "reauth", profileId: "anthropic:team-sub" },
    },
    {
      kind: "window",
      detail: { profileId: "anthropic:default" },
      action: { kind: "reauth", profileId: "anthropic:default" },
    },
    { kind: "missing_provider", detail: { provider: "google" }, action: { kind: "agents" } },
    { kind: "route", detail: { provider: "openai" }, action: { kind: "agents" } },
    { kind: "refused", detail: { message: "bad config" }, action: { kind: "agents" } },
  ])("$kind → $action.kind", ({ kind, detail, action }) => {
    expect(attentionActionOf({ kind, detail })).toEqual(action);
  });
});
