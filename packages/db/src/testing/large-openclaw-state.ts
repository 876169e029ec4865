/**
 * A large, valid OpenClaw state folder for scale tests and benchmarks: `agents` agents in `agents.entries`
 * (ownership explicit; every third with its own model, every fifth with params), a shared store with an
 * API key and a setup-token, and the first `ownStores` agents with their own store holding a setup-token.
 * Deterministic: the same arguments always give the same files, so a preview and a commit in different
 * processes plan the same thing. 100,000 agents make an `openclaw.json` of about 15 MiB.
 */
export type LargeStateOptions = {
  agents: number;
  /** Agents (the first ones) that also get their own credential store. */
  ownStores?: number;
  /** Distinguishes the secrets of two generated states (part of every secret's body). */
  label?: string;
};

const pad = (index: number) => String(index).padStart(6, "0");

export function largeOpenClawStateFiles({ agents, ownStores = 0, label = "LARGE" }: LargeStateOptions) {
  const entries: Record<string, unknown> = {};
  for (let index = 0; index < agents; index += 1) {
    entries[`agent-${pad(index)}`] = {
      name: `Agent ${pad(index)}`,
      workspace: `/srv/openclaw/workspaces/agent-${pad(index)}`,
      ...(index % 3 === 1 ? { model: "anthropic/claude-sonnet-5" } : {}),
      ...(index % 5 === 2 ? { params: { cacheRetention: "long", temperature: 0.3 } } : {}),
    };
  }
  const config = {
    agents: {
      ownership: "explicit",
      defaults: {
        model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] },
      },
      entries,
    },
    auth: { order: { anthropic: ["anthropic:sub", "anthropic:default"] } },
  };
  const shared = {
    version: 1,
    profiles: {
      "anthropic:default": {
        type: "api_key",
        provider: "anthropic",
        key: `sk-ant-api03-${label}SHARED${"k".repeat(80)}`,
      },
      "anthropic:sub": {
        type: "token",
        provider: "anthropic",
        token: `sk-ant-oat01-${label}SUB${"s".repeat(80)}`,
        expires: Date.UTC(2031, 0, 1),
      },
    },
  };
  const own = Array.from({ length: Math.min(ownStores, agents) }, (_, index) => ({
    path: `agents/agent-${pad(index)}/auth-profiles.json`,
    text: JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:own": {
          type: "token",
          provider: "anthropic",
          token: `sk-ant-oat01-${label}OWN${pad(index)}${"o".repeat(80)}`,
        },
      },
    }),
  }));
  return [
    { path: "openclaw.json", text: JSON.stringify(config, null, 2) },
    { path: "shared-auth-profiles.json", text: JSON.stringify(shared, null, 2) },
    ...own,
  ];
}
