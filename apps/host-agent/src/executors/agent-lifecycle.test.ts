import { describe, expect, test } from "vitest";
import type { HostJobPayloadOf } from "@clawfleet/core/connector/host-jobs";
import { GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";
import { createAgent } from "./agent-lifecycle";
import type { ExecutorContext, GatewayRequester } from "./executor-context";

const job: HostJobPayloadOf<"agent.create"> = {
  kind: "agent.create",
  agentKey: "night-shift",
  name: "Night shift",
  workspace: null,
  model: null,
};

/**
 * The Gateway as a redelivered create meets it when its killed predecessor's `agents.create` is still being
 * finished: the agent is not listed yet, the create is refused because it exists, and then it is listed.
 */
function gatewayFinishingAnEarlierCreate(calls: string[]): GatewayRequester {
  let created = false;
  return {
    request: (method, params) => {
      calls.push(method);
      if (method === "config.get")
        return Promise.resolve({ hash: "h", configRevisionHash: "r", appliedConfigHash: "r" });
      if (method === "agents.list")
        return Promise.resolve({
          agents: created ? [{ id: "main" }, { id: "night-shift", name: "night-shift" }] : [{ id: "main" }],
        });
      if (method === "agents.create") {
        created = true;
        return Promise.reject(
          new GatewayRequestError("agents.create", {
            code: "INVALID_REQUEST",
            message: 'agent "night-shift" already exists',
          }),
        );
      }
      if (method === "agents.update") {
        expect(params).toEqual({ agentId: "night-shift", name: "Night shift" });
        return Promise.resolve({ ok: true, agentId: "night-shift" });
      }
      return Promise.reject(new Error(`unexpected ${method}`));
    },
  };
}

function contextWith(gateway: GatewayRequester): ExecutorContext {
  return {
    gateway: () => Promise.resolve(gateway),
    openclaw: () => Promise.reject(new Error("no CLI here")),
    now: () => Date.parse("2026-11-30T10:00:00Z"),
    sleep: () => Promise.resolve(),
    reportStatuses: () => Promise.resolve(0),
  };
}

describe("agent.create after a predecessor was killed mid-create", () => {
  test("an 'already exists' refusal for the same id is this job done: it names the agent and reports alreadyApplied", async () => {
    const calls: string[] = [];
    const result = await createAgent(job, contextWith(gatewayFinishingAnEarlierCreate(calls)), undefined);
    expect(result).toEqual({
      summary: "Agent night-shift already exists",
      agentKey: "night-shift",
      alreadyApplied: true,
    });
    expect(calls.filter((method) => method === "agents.create")).toHaveLength(1);
    expect(calls).toContain("agents.update");
  });

  test("any other refusal of agents.create is passed on as it is", async () => {
    const refusing: GatewayRequester = {
      request: (method) =>
        method === "agents.create"
          ? Promise.reject(
              new GatewayRequestError("agents.create", {
                code: "INVALID_REQUEST",
                message: "workspace not allowed",
              }),
            )
          : gatewayFinishingAnEarlierCreate([]).request(method, {}),
    };
    await expect(createAgent(job, contextWith(refusing), undefined)).rejects.toMatchObject({
      message: "workspace not allowed",
    });
  });
});
