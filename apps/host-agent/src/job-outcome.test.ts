import { describe, expect, test } from "vitest";
import { GatewayConnectionError, GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";
import { JobProblem, outcomeOfError } from "./job-outcome";

describe("what a job's error means for the console", () => {
  test.each([
    [
      "the Gateway is starting its sidecars",
      new GatewayRequestError("connect", {
        code: "UNAVAILABLE",
        message: "gateway starting; retry shortly",
        retryable: true,
        details: { reason: "startup-sidecars" },
      }),
      "retry",
    ],
    [
      "a config write raced ours",
      new GatewayRequestError("config.patch", {
        code: "INVALID_REQUEST",
        message: "config changed since last load; re-run config.get and retry",
      }),
      "retry",
    ],
    [
      "a patch persisted but not applied",
      new GatewayRequestError("config.patch", {
        code: "UNAVAILABLE",
        message: "config.patch persisted but was not applied to the active Gateway (failed)",
      }),
      "retry",
    ],
    [
      "the model runtime is being rebuilt after a config write (seen on the real Gateway)",
      new GatewayRequestError("models.authOrderSet", {
        code: "INTERNAL",
        message: "Error: Prepared model runtime plugin generation retired",
      }),
      "retry",
    ],
    [
      "a plugin's runtime was swapped underneath the request (seen on the real Gateway in the connector suite)",
      new GatewayRequestError("agents.list", {
        code: "INTERNAL",
        message:
          "PluginInstanceUnavailableError: Plugin openai was reloaded or disabled; use its current tools.",
      }),
      "retry",
    ],
    [
      "the Gateway is unreachable",
      new GatewayConnectionError("cannot reach ws://127.0.0.1:18789: ECONNREFUSED"),
      "retry",
    ],
    [
      "model auth is not ready",
      new JobProblem("retry", { code: "PREPARED_MODEL_AUTH_UNAVAILABLE", message: "unavailable" }),
      "retry",
    ],
    [
      "OpenClaw refused the params",
      new GatewayRequestError("models.authOrderSet", {
        code: "INVALID_REQUEST",
        message: "profileIds must include every available profile for provider anthropic",
      }),
      "failed",
    ],
    [
      "the CLI refused the token",
      new JobProblem("failed", { code: "OPENCLAW_CLI_FAILED", message: "Token looks too short" }),
      "failed",
    ],
    ["an unexpected bug", new TypeError("x is undefined"), "failed"],
  ])("%s → %s", (_label, error, status) => {
    expect(outcomeOfError(error).status).toBe(status);
  });

  test("passes OpenClaw's code, message and details on verbatim, naming the method", () => {
    const outcome = outcomeOfError(
      new GatewayRequestError("models.authStatus", {
        code: "INVALID_REQUEST",
        message: 'unknown agent id "nope"',
        details: { code: "UNKNOWN_AGENT_ID", agentId: "nope" },
      }),
    );
    expect(outcome).toEqual({
      status: "failed",
      error: {
        code: "INVALID_REQUEST",
        message: 'unknown agent id "nope"',
        details: { code: "UNKNOWN_AGENT_ID", agentId: "nope" },
        source: "models.authStatus",
      },
    });
  });
});
