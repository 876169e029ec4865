import { describe, expect, it } from "vitest";
import { agentConfigPatchJob, gatewayDefaultsPatchJob } from "./config-change-jobs";
import { hostJobPayloadSchema } from "./host-jobs";

const agent = { model: "anthropic/claude-opus-4-6", models: {}, params: {} };
const defaults = { model: null, imageModel: null, utilityModel: null, models: {}, params: {} };

describe("agentConfigPatchJob", () => {
  it("patches only the agent's entry, with the fields that changed", () => {
    const job = agentConfigPatchJob(
      "ops",
      agent,
      { ...agent, params: { cacheRetention: "long" } },
      "Set cacheRetention",
    );
    expect(job).toEqual({
      kind: "config.patch",
      patch: { agents: { entries: { ops: { params: { cacheRetention: "long" } } } } },
      replacePaths: [],
      note: "Set cacheRetention",
      affectedAgentKeys: ["ops"],
    });
    expect(hostJobPayloadSchema.safeParse(job).success).toBe(true);
  });

  it("removes the key on the host when the model override or the last param is cleared", () => {
    const job = agentConfigPatchJob(
      "ops",
      { ...agent, params: { temperature: 0.2 } },
      { model: null, models: {}, params: {} },
      "Follow defaults",
    );
    expect(job?.patch).toEqual({ agents: { entries: { ops: { model: null, params: null } } } });
  });

  it("answers null when the written config would not change", () => {
    expect(agentConfigPatchJob("ops", agent, { ...agent, models: {} }, "noop")).toBeNull();
  });
});

describe("gatewayDefaultsPatchJob", () => {
  it("writes agents.defaults and reports every agent of the gateway", () => {
    const job = gatewayDefaultsPatchJob(
      defaults,
      { ...defaults, model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] } },
      "Default model",
    );
    expect(job).toMatchObject({
      patch: { agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] } } } },
      replacePaths: ["agents.defaults.model.fallbacks"],
      affectedAgentKeys: "all",
    });
  });
});
