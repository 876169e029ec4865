import { describe, expect, it } from "vitest";

import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { withModelsJsonSources } from "./auth-overview";
import type { AuthProviderOverview } from "./models-status-report";

const MODELS_JSON = "~/.openclaw/agents/main/agent/models.json";

function rowOf(provider: string): AuthProviderOverview {
  return {
    provider,
    effective: { kind: "missing", detail: "missing" },
    profiles: { count: 0, oauth: 0, token: 0, apiKey: 0, labels: [] },
  };
}

function modelsJsonOf(
  apiKey: NonNullable<NonNullable<OpenClawConfig["models"]>["providers"]>[string]["apiKey"],
) {
  const config: OpenClawConfig = { models: { providers: { acme: { apiKey } } } };
  const [row] = withModelsJsonSources([rowOf("acme"), rowOf("other")], config, MODELS_JSON);
  return row?.modelsJson;
}

describe("withModelsJsonSources (getCustomProviderApiKey shown through formatMarkerOrSecret)", () => {
  it("masks a plain key and names the agent's models.json", () => {
    expect(modelsJsonOf("acme-cvcFAKExxxxxxxxxuWZHW8fQ")).toEqual({
      value: "acme-cvc...uWZHW8fQ",
      source: `models.json: ${MODELS_JSON}`,
    });
  });

  // why: lab captures gen-1-030, gen-1-038 (`models.json=PROVIDER...FROM_ENV`).
  it("shows an env SecretRef by its variable's name, masked like a secret", () => {
    expect(modelsJsonOf({ source: "env", provider: "default", id: "PROVIDER_KEY_FROM_ENV" })?.value).toBe(
      "PROVIDER...FROM_ENV",
    );
  });

  it("shows any other SecretRef as the secretref-managed marker", () => {
    expect(modelsJsonOf({ source: "file", provider: "vault", id: "/acme/key" })?.value).toBe(
      "marker(secretref-managed)",
    );
  });

  it("leaves a provider without a config key as it is", () => {
    const config: OpenClawConfig = { models: { providers: { acme: { apiKey: "k".repeat(20) } } } };
    const rows = withModelsJsonSources([rowOf("other")], config, MODELS_JSON);
    expect(rows[0]).not.toHaveProperty("modelsJson");
  });
});
