import { describe, expect, it } from "vitest";

import { proposeEnvVarsRewrite } from "./env-vars-rewrite";
import { parseOpenClawConfig } from "./parse-openclaw-config";

/** The Anthropic page's API-key snippet, as written there (JSON5). */
const SEED_SNIPPET = `{
  env: { ANTHROPIC_API_KEY: "sk-ant-..." },
  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } } },
}
`;

describe("proposeEnvVarsRewrite", () => {
  it("moves the seed page's env variable into env.vars, which OpenClaw 2026.9.6 accepts", () => {
    const offer = proposeEnvVarsRewrite(SEED_SNIPPET);
    expect(offer).not.toBeNull();
    expect(offer?.movedKeys).toEqual(["ANTHROPIC_API_KEY"]);
    expect(offer?.keptKeys).toEqual([]);
    expect(offer?.remainingIssues).toEqual([]);
    expect(JSON.parse(offer?.text ?? "")).toEqual({
      env: { vars: { ANTHROPIC_API_KEY: "sk-ant-..." } },
      agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } } },
    });
    expect(parseOpenClawConfig(offer?.text ?? "", "openclaw.json").ok).toBe(true);
    expect(offer?.explanation).toContain('env: Unrecognized key: "ANTHROPIC_API_KEY"');
    expect(offer?.explanation).toContain("env.vars");
  });

  it("keeps shellEnv and existing vars in place and merges the moved variables into vars", () => {
    const offer = proposeEnvVarsRewrite(
      JSON.stringify({
        env: { OPENAI_API_KEY: "sk-o", shellEnv: { enabled: true }, vars: { GEMINI_API_KEY: "g" }, X: "x" },
      }),
    );
    expect(offer?.movedKeys).toEqual(["OPENAI_API_KEY", "X"]);
    expect(offer?.explanation).toContain('Unrecognized keys: "OPENAI_API_KEY", "X"');
    expect(offer?.text).toBe(
      `${JSON.stringify(
        {
          env: { shellEnv: { enabled: true }, vars: { GEMINI_API_KEY: "g", OPENAI_API_KEY: "sk-o", X: "x" } },
        },
        null,
        2,
      )}\n`,
    );
  });

  it("leaves a variable that env.vars sets differently, or that is not text, and says so", () => {
    const offer = proposeEnvVarsRewrite(
      JSON.stringify({ env: { A: "new", B: "b", C: 3, vars: { A: "old" } } }),
    );
    expect(offer?.movedKeys).toEqual(["B"]);
    expect(offer?.keptKeys).toEqual(["A", "C"]);
    expect(offer?.remainingIssues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'env: Unrecognized keys: "A", "C"',
    ]);
    expect(offer?.explanation).toContain("would still refuse");
  });

  it("reports other problems the rewrite does not fix", () => {
    const offer = proposeEnvVarsRewrite('{ env: { A: "a" }, colour: "blue" }');
    expect(offer?.movedKeys).toEqual(["A"]);
    expect(offer?.remainingIssues.map((issue) => issue.message)).toEqual(['Unrecognized key: "colour"']);
  });

  it("offers nothing for an accepted config, an unreadable one, or a refusal outside env", () => {
    expect(proposeEnvVarsRewrite('{ env: { vars: { A: "a" } } }')).toBeNull();
    expect(proposeEnvVarsRewrite("{ env: { A: ")).toBeNull();
    expect(proposeEnvVarsRewrite('{ colour: "blue" }')).toBeNull();
    expect(proposeEnvVarsRewrite("{ env: { A: { nested: true } } }")).toBeNull();
  });
});
