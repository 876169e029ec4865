import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { unresolvedProviderSecretPaths, unresolvedSecretsMessage } from "./command-secrets";

const config: OpenClawConfig = {
  models: {
    providers: {
      anthropic: { apiKey: { source: "env", provider: "default", id: "TEAM_ANTHROPIC_KEY" } },
      openai: { apiKey: "sk-inline" },
      google: { apiKey: { source: "file", id: "/run/secrets/google" } },
    },
  },
};

describe("SecretRefs models status must resolve", () => {
  it("names every env reference whose variable is unset or empty", () => {
    expect(unresolvedProviderSecretPaths(config, {})).toEqual(["models.providers.anthropic.apiKey"]);
    expect(unresolvedProviderSecretPaths(config, { TEAM_ANTHROPIC_KEY: "" })).toEqual([
      "models.providers.anthropic.apiKey",
    ]);
  });

  it("is satisfied by the variable, and by configs without references", () => {
    expect(unresolvedProviderSecretPaths(config, { TEAM_ANTHROPIC_KEY: "sk-ant-x" })).toEqual([]);
    expect(unresolvedProviderSecretPaths({}, {})).toEqual([]);
  });

  it("words the refusal as OpenClaw does, naming the config", () => {
    const message = unresolvedSecretsMessage("/home/u/.openclaw/openclaw.json");
    expect(message.split("\n")).toHaveLength(3);
    expect(message).toMatch(/^models status: failed to resolve secrets from the active gateway snapshot \(/u);
    expect(message).toContain("Config: /home/u/.openclaw/openclaw.json). Local resolution also failed.");
  });
});
