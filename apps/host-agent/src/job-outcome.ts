// Turns whatever stopped a job into the console's `retry` or `failed` (core `HostJobOutcome`):
// - retry: the Gateway's refusal is transient (`GatewayRequestError.isTransient`: down or starting, a config write
//   underneath us, model auth not ready, model runtime being rebuilt), or a CLI run timed out: the same job can
//   succeed later by itself;
// - failed: OpenClaw refused the job (validation, unknown ids, a CLI that exited non-zero): it will fail the same way
//   until someone changes something. OpenClaw's code, message and details are passed on verbatim.
import type { HostJobError, HostJobOutcome } from "@clawfleet/core/connector/host-jobs";
import { GatewayConnectionError, GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";

/** A job-level verdict an executor reaches itself (e.g. "the host uses legacy agents.list"). */
export class JobProblem extends Error {
  override readonly name = "JobProblem";
  constructor(
    readonly status: "retry" | "failed",
    readonly error: HostJobError,
  ) {
    super(error.message);
  }
}

const MAX_MESSAGE = 4000;

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text || "(no message)";
}

export function outcomeOfError(error: unknown): Exclude<HostJobOutcome, { status: "applied" }> {
  if (error instanceof JobProblem) return { status: error.status, error: error.error };
  if (error instanceof GatewayRequestError) {
    const hostError: HostJobError = {
      code: error.code.slice(0, 100) || "UNKNOWN",
      message: clip(error.message),
      ...(error.details === undefined ? {} : { details: error.details }),
      source: error.method,
    };
    return { status: error.isTransient ? "retry" : "failed", error: hostError };
  }
  if (error instanceof GatewayConnectionError)
    return {
      status: "retry",
      error: { code: "GATEWAY_UNREACHABLE", message: clip(error.message), source: "gateway" },
    };
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: "failed",
    error: { code: "HOST_AGENT_ERROR", message: clip(message), source: "host agent" },
  };
}
