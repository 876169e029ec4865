import "server-only";
import {
  HOST_AGENT_PATHS,
  MAX_HOST_AGENT_BODY_BYTES,
  POLL_HOLD_MS,
  enrolRequestSchema,
  jobResultRequestSchema,
  pollRequestSchema,
  reportsRequestSchema,
} from "@clawfleet/core/connector/host-channel";
import { DomainError, type DomainErrorCode } from "@clawfleet/core/domain-error";
import {
  type AuthenticatedHostAgent,
  authenticateHostAgent,
  recordHostAgentContact,
} from "@clawfleet/services/connector/host-agent-credentials";
import {
  DEFAULT_HOST_REPORT_INTERVAL_MS,
  redeemEnrolment,
} from "@clawfleet/services/connector/host-enrolment";
import type { HostJobWakeups } from "@clawfleet/services/connector/host-job-wakeups";
import { recordHostJobOutcome } from "@clawfleet/services/connector/host-jobs";
import { pollHostJobs } from "@clawfleet/services/connector/host-poll";
import { recordHostReports } from "@clawfleet/services/connector/host-reports";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import type { z } from "zod";
import {
  bearerToken,
  isJsonContentType,
  readBodyWithin,
  ApiRefusal,
  refusalResponse,
  parseJsonBody,
} from "../http/bearer-json-request";
import { checkTokenWithinFailureLimit } from "@clawfleet/services/throttling/failed-token-limit";

/**
 * The host-agent channel (core `host-channel.ts`): enrolment, the long-poll, job results and reports. Each handler
 * is thin: bearer auth, the size limit before parsing, core's schema, one use case, a JSON answer. Errors are
 * `{error: {code, message}}`; a 401 always means "unknown or revoked credential" and the agent stops on it.
 */
export type HostAgentDependencies = Pick<ServiceDeps, "db" | "secretBox" | "now"> & {
  wakeups: HostJobWakeups;
  /** The request's client address (`clientAddressOf` in production): the key of the failed-token limit. */
  clientAddressOf: (request: Request) => string;
  /** One line per request: route, status, gateway, agent and request id; never a body or a credential. */
  log: (line: string) => void;
  /** How long an idle poll is held (core's `POLL_HOLD_MS`; tests shorten it). */
  pollHoldMs?: number;
  reportIntervalMs?: number;
};

const UNAUTHORIZED_MESSAGE =
  "Missing, unknown or revoked host agent credential. Enrol the host again with a new enrolment token from the Gateways page.";

class ChannelRefusal extends ApiRefusal {}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  INVALID_STATE: 409,
  FORBIDDEN: 403,
};

const unauthorized = () => new ChannelRefusal(401, "unauthorized", UNAUTHORIZED_MESSAGE);

/** What one request saw, for its log line. */
type Seen = { gatewayId?: string; hostAgentId?: string };

const tooManyFailures = (retryAfterSeconds: number) =>
  new ChannelRefusal(
    429,
    "rate_limited",
    `Too many requests with bad credentials from your address; try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );

async function authenticate(request: Request, deps: HostAgentDependencies, seen: Seen) {
  const credential = bearerToken(request);
  const checked = await checkTokenWithinFailureLimit(deps, deps.clientAddressOf(request), async () =>
    credential ? authenticateHostAgent(deps, credential) : null,
  );
  if (!checked.ok) {
    throw checked.retryAfterSeconds === null ? unauthorized() : tooManyFailures(checked.retryAfterSeconds);
  }
  seen.gatewayId = checked.value.gatewayId;
  seen.hostAgentId = checked.value.hostAgentId;
  return checked.value;
}

/** The body checked against `schema`: JSON content type, within the size limit (checked before parsing). */
async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  if (!isJsonContentType(request))
    throw new ChannelRefusal(415, "unsupported_media_type", "Send JSON: `Content-Type: application/json`.");
  const text = await readBodyWithin(
    request,
    MAX_HOST_AGENT_BODY_BYTES,
    () =>
      new ChannelRefusal(
        413,
        "payload_too_large",
        `The request is larger than ${MAX_HOST_AGENT_BODY_BYTES / (1024 * 1024)} MiB; send fewer reports per request.`,
      ),
  );
  const body = parseJsonBody(text, {
    invalid: () => new ChannelRefusal(400, "invalid_json", "The body is not valid JSON."),
    unsafe: (message, path) => new ChannelRefusal(400, "invalid_json", message, { path }),
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    throw new ChannelRefusal(
      422,
      "invalid_request",
      `The request does not match the channel's schema: ${path || "(root)"} ${issue?.message ?? "is invalid"}.`,
      { path },
    );
  }
  return parsed.data;
}

/** Runs one channel request: its refusals as JSON errors, anything else as a 500 that names no detail. */
async function serve(
  route: string,
  deps: HostAgentDependencies,
  work: (context: { requestId: string; seen: Seen }) => Promise<unknown>,
): Promise<Response> {
  const requestId = crypto.randomUUID();
  const seen: Seen = {};
  let response: Response;
  try {
    const body = await work({ requestId, seen });
    response = Response.json(body, { status: 200, headers: { "x-request-id": requestId } });
  } catch (error) {
    let refusal: ChannelRefusal;
    if (error instanceof ChannelRefusal) refusal = error;
    else if (error instanceof DomainError)
      refusal = new ChannelRefusal(DOMAIN_STATUS[error.code], error.code.toLowerCase(), error.message, {
        path: error.location,
      });
    else {
      // why: the error name only; driver errors echo their arguments, which here could hold a report or a secret.
      deps.log(
        `[clawfleet] host-agent error ${error instanceof Error ? error.name : "unknown"} request=${requestId}`,
      );
      refusal = new ChannelRefusal(
        500,
        "internal",
        `The console could not handle this request. Quote request id ${requestId}.`,
      );
    }
    response = refusalResponse(refusal, requestId, "clawfleet-host-agent");
  }
  deps.log(
    `[clawfleet] POST ${route} ${response.status} gateway=${seen.gatewayId ?? "-"} agent=${seen.hostAgentId ?? "-"} request=${requestId}`,
  );
  return response;
}

/** `POST /api/host-agent/enrol`: an enrolment token, once, for the agent's long-lived credential. */
export function handleEnrol(request: Request, deps: HostAgentDependencies): Promise<Response> {
  return serve(HOST_AGENT_PATHS.enrol, deps, async ({ requestId, seen }) => {
    const input = await readBody(request, enrolRequestSchema);
    let refusedBecause = "";
    const checked = await checkTokenWithinFailureLimit(deps, deps.clientAddressOf(request), async () => {
      try {
        return await redeemEnrolment(deps, { requestId }, input, {
          reportIntervalMs: deps.reportIntervalMs ?? DEFAULT_HOST_REPORT_INTERVAL_MS,
        });
      } catch (error) {
        // why: an unusable enrolment token is an authentication failure (counted against the address); the
        // agent stops on 401 and says why.
        if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.code === "INVALID_STATE")) {
          refusedBecause = error.message;
          return null;
        }
        throw error;
      }
    });
    if (!checked.ok) {
      if (checked.retryAfterSeconds !== null) throw tooManyFailures(checked.retryAfterSeconds);
      throw new ChannelRefusal(401, "enrolment_refused", refusedBecause);
    }
    seen.gatewayId = checked.value.gateway.id;
    seen.hostAgentId = checked.value.hostAgentId;
    return checked.value;
  });
}

/** `POST /api/host-agent/poll`: the next job at once, else held until one is queued or the hold ends. */
export function handlePoll(request: Request, deps: HostAgentDependencies): Promise<Response> {
  return serve(HOST_AGENT_PATHS.poll, deps, async ({ seen }) => {
    const agent = await authenticate(request, deps, seen);
    const input = await readBody(request, pollRequestSchema);
    await recordHostAgentContact(deps, agent, input.host);
    const outcome = await pollHostJobs(deps, deps.wakeups, agent, {
      resumed: input.resumed,
      holdMs: deps.pollHoldMs ?? POLL_HOLD_MS,
      signal: request.signal,
    });
    if (outcome.kind === "revoked") throw unauthorized();
    return { jobs: outcome.jobs, reportIntervalMs: deps.reportIntervalMs ?? DEFAULT_HOST_REPORT_INTERVAL_MS };
  });
}

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** `POST /api/host-agent/jobs/<id>/result`: the agent's answer for one delivery of a job. */
export function handleJobResult(
  request: Request,
  jobId: string,
  deps: HostAgentDependencies,
): Promise<Response> {
  return serve(HOST_AGENT_PATHS.jobResult(":id"), deps, async ({ seen }) => {
    const agent: AuthenticatedHostAgent = await authenticate(request, deps, seen);
    const input = await readBody(request, jobResultRequestSchema);
    if (!JOB_ID.test(jobId)) throw new ChannelRefusal(404, "not_found", "No such job for this gateway.");
    await recordHostAgentContact(deps, agent);
    const job = await recordHostJobOutcome(deps, agent, jobId, input);
    return { recorded: true, state: job.state };
  });
}

/** `POST /api/host-agent/reports`: agents' real statuses and the Gateway's own state. */
export function handleReports(request: Request, deps: HostAgentDependencies): Promise<Response> {
  return serve(HOST_AGENT_PATHS.reports, deps, async ({ requestId, seen }) => {
    const agent = await authenticate(request, deps, seen);
    const input = await readBody(request, reportsRequestSchema);
    await recordHostAgentContact(deps, agent);
    return recordHostReports(deps, agent, input, { requestId });
  });
}
