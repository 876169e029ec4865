import JSON5 from "json5";
import { describe, expect, it } from "vitest";

import {
  type Json,
  type ParityCase,
  generateParityCase,
  generateParityCases,
  parityCaseFiles,
} from "./parity-case-generator";

const BATCH = generateParityCases(1, 400);

/** Every template string in a JSON value. */
function templates(value: Json): string[] {
  if (typeof value === "string") return value.startsWith("__NOW") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(templates);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(templates);
  return [];
}

function filesOf(parityCase: ParityCase): Map<string, string> {
  return new Map(parityCaseFiles(parityCase).map((file) => [file.path, file.text]));
}

describe("generateParityCase", () => {
  it("gives the same case for the same seed and index, and another for another", () => {
    expect(generateParityCase(7, 3)).toEqual(generateParityCase(7, 3));
    expect(generateParityCase(7, 3)).not.toEqual(generateParityCase(7, 4));
    expect(generateParityCase(7, 3)).not.toEqual(generateParityCase(8, 3));
    expect(generateParityCase(7, 3).name).toBe("gen-7-003");
  });

  it("covers the input space over a batch", () => {
    const seen = new Set(BATCH.flatMap((parityCase) => parityCase.features));
    const required = [
      "agents:none",
      "agents:entries",
      "agents:list",
      "agents:several",
      "agents:default-marker",
      "ownership:explicit",
      "defaults:system-agent",
      "defaults-model:string",
      "defaults-model:primary",
      "defaults-model:fallbacks",
      "agent-model:string",
      "agent-model:primary",
      "agent-model:empty-fallbacks",
      "agent-model:fallbacks",
      "agent-model:fallbacks-only",
      "model:alias",
      "model:bare-id",
      "model:unknown",
      "model:custom-provider",
      "model-policy:wildcard",
      "utility-model:disabled",
      "utility-model:set",
      "image-model",
      "models-map:alias",
      "models-map:alias-collides-with-built-in",
      "params:cacheRetention",
      "params:cacheControlTtl",
      "defaults:params",
      "agent:params",
      "api-key:inline",
      "api-key:missing",
      "api-key:ref-present",
      "api-key:ref-missing",
      "token:no-expiry",
      "token:expires",
      "token:expired",
      "oauth:valid-refresh",
      "oauth:valid-no-refresh",
      "oauth:expired-refresh",
      "oauth:expired-no-refresh",
      "profile:email",
      "profile:display-name",
      "profile-id:odd",
      "profile-id:legacy-openai-codex",
      "state:stored-order",
      "state:last-good",
      "config-auth:order",
      "config-auth:declared-without-credentials",
      "config-auth:mode-mismatch",
      "usage:last-used",
      "usage:failure-counts",
      "usage:unknown-profile",
      "cooldown:future",
      "cooldown:past",
      "disabled:future",
      "disabled:past",
      "blocked:future",
      "blocked:past",
      "disabled-reason:billing",
      "disabled-reason:auth_permanent",
      "cooldown-reason:rate_limit",
      "cooldown-reason:auth",
      "store:agent-own",
      "store:agent-state-only",
      "store:shared-empty",
      "env:process-anthropic",
      "env:process-openai",
      "env:process-google",
      "env:config-vars",
      "models-providers:custom",
      "models-providers:secret-ref-present",
      "models-providers:secret-ref-missing",
      "config:json5",
      "args:agent",
      "invalid:json5-syntax-error",
      "invalid:unknown-top-level-key",
      "invalid:unknown-agent-key",
      "invalid:env-key-outside-vars",
      "invalid:no-owner-for-several-agents",
      "invalid:unknown-agent-arg",
      "invalid:no-agent-arg-for-several-agents",
    ];
    expect(required.filter((feature) => !seen.has(feature))).toEqual([]);
  });

  it("makes most cases valid and a minority invalid", () => {
    const valid = BATCH.filter((parityCase) => parityCase.features.includes("valid")).length;
    expect(valid / BATCH.length).toBeGreaterThan(0.8);
    expect(valid / BATCH.length).toBeLessThan(0.95);
  });
});

describe.each(BATCH.slice(0, 120))("parityCaseFiles: $name", (parityCase) => {
  const files = filesOf(parityCase);

  it("writes a config that parses exactly when the case is not a syntax error", () => {
    const text = files.get("openclaw.json") ?? "";
    const broken = parityCase.features.includes("invalid:json5-syntax-error");
    let parses = true;
    try {
      JSON5.parse(text);
    } catch {
      parses = false;
    }
    expect(parses).toBe(!broken);
  });

  it("writes store documents as JSON with templated times away from rounding edges", () => {
    for (const [path, text] of files) {
      if (!path.endsWith(".json") || path === "openclaw.json") continue;
      expect(path).toMatch(/^(shared-|agents\/[a-z0-9_][a-z0-9_-]*\/)auth-(profiles|state)\.json$/u);
      const document = JSON.parse(text) as Json;
      expect(document).toMatchObject({ version: 1 });
      for (const time of templates(document)) {
        const match = /^__NOW([+-])(\d+)__$/u.exec(time);
        expect(match, time).not.toBeNull();
        // why: a whole minute plus 29 s rounds to the same text however late the real CLI measures it.
        expect(Number(match?.[2]) % 60_000).toBe(29_000);
      }
    }
  });

  it("writes env lines and status args in the layout's form", () => {
    for (const line of (files.get("env") ?? "").split("\n").filter(Boolean))
      expect(line).toMatch(/^[A-Z][A-Z0-9_]*=\S+$/u);
    const args = files.get("status-args");
    if (args !== undefined) expect(args).toMatch(/^--agent [a-z0-9_][a-z0-9_-]*\n$/u);
  });
});

describe("the generator's secrets", () => {
  it("are unmistakably fake: no run of more than 8 random characters after the provider prefix", () => {
    const secrets = BATCH.flatMap(parityCaseFiles).flatMap(
      (file) => file.text.match(/sk-[A-Za-z0-9_-]{12,}/gu) ?? [],
    );
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(secret).toMatch(/^sk-[a-z0-9-]*?(FAKEx*|x*)[A-Za-z0-9_-]{0,8}$/u);
  });
});
