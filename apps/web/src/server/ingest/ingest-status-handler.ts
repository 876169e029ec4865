import "server-only";
import { parseModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import {
  authenticateIngestToken,
  recordIngestReport,
  unsupportedReportMessage,
} from "@clawfleet/services/ingest/ingest-report";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import {
  bearerToken,
  isJsonContentType,
  readBodyWithin,
  ApiRefusal,
  refusalResponse,
  parseJsonBody,
} from "../http/bearer-json-request";
import { checkTokenWithinFailureLimit } from "@clawfleet/services/throttling/failed-token-limit";
import { takeThrottledCall } from "@clawfleet/services/throttling/throttled-call";
import { INGEST_REPORTS_PER_TOKEN } from "@clawfleet/core/throttling/bearer-token-throttle";

/** Largest accepted report. A real one is a few KiB; 256 KiB leaves room for big fleets of profiles. */
export const MAX_INGEST_BODY_BYTES = 256 * 1024;

export type IngestDependencies = Pick<ServiceDeps, "db" | "now"> & {
  /** The request's client address (`clientAddressOf` in production): the key of the failed-token limit. */
  clientAddressOf: (request: Request) => string;
  /** One line per request: path, status, gateway id and request id, never the body or the token. */
  log: (line: string) => void;
};

type IngestErrorCode =
  | "unauthorized"
  | "rate_limited"
  | "unsupported_media_type"
  | "payload_too_large"
  | "invalid_json"
  | "invalid_report"
  | "unknown_agent"
  | "internal";

/** OpenClaw's agent id rule; only an id of this form is quoted back. */
const OPENCLAW_AGENT_ID = /^[a-z0-9_][a-z0-9_-]{0,63}$/u;

const UNAUTHORIZED_MESSAGE =
  "Missing, unknown or revoked ingest token. Send `Authorization: Bearer <token>` with the gateway's current token (rotate it on the Gateways page).";

class IngestRefusal extends ApiRefusal<IngestErrorCode> {}

const tooLarge = () =>
  new IngestRefusal(
    413,
    "payload_too_large",
    `The report is larger than ${MAX_INGEST_BODY_BYTES / 1024} KiB; send the output of one \`openclaw models status --json\` run.`,
  );

function parseJson(text: string): unknown {
  return parseJsonBody(text, {
    invalid: () =>
      new IngestRefusal(
        400,
        "invalid_json",
        "The body is not valid JSON. Pipe the stdout of `openclaw models status --json` unchanged.",
      ),
    unsafe: (message, path) => new IngestRefusal(400, "invalid_json", message, { path }),
  });
}

/** The agent the report is about: the body's `agentId` (printed under `--agent`), else `?agent=`. */
function reportedAgentKey(body: unknown, url: URL): string | undefined {
  const fromBody =
    body !== null && typeof body === "object" && "agentId" in body && typeof body.agentId === "string"
      ? body.agentId
      : undefined;
  const fromQuery = url.searchParams.get("agent") ?? undefined;
  if (fromBody !== undefined && fromQuery !== undefined && fromBody !== fromQuery) {
    throw new IngestRefusal(
      422,
      "invalid_report",
      "The report's agentId and the ?agent= parameter name different agents.",
      { path: "agentId" },
    );
  }
  return fromBody ?? fromQuery;
}

async function ingest(
  request: Request,
  deps: IngestDependencies,
  requestId: string,
  seen: { gatewayId?: string },
) {
  const token = bearerToken(request);
  const checked = await checkTokenWithinFailureLimit(deps, deps.clientAddressOf(request), async () =>
    token ? authenticateIngestToken(deps, token) : null,
  );
  if (!checked.ok) {
    if (checked.retryAfterSeconds === null)
      throw new IngestRefusal(401, "unauthorized", UNAUTHORIZED_MESSAGE);
    throw new IngestRefusal(
      429,
      "rate_limited",
      `Too many requests with bad tokens from your address; try again in ${checked.retryAfterSeconds} s.`,
      { retryAfterSeconds: checked.retryAfterSeconds },
    );
  }
  const gateway = checked.value;
  seen.gatewayId = gateway.gatewayId;

  const now = deps.now();
  const waitSeconds = await takeThrottledCall(deps, {
    scope: "ingest-reports",
    subject: gateway.tokenKey,
    policy: INGEST_REPORTS_PER_TOKEN,
  });
  if (waitSeconds !== null) {
    throw new IngestRefusal(
      429,
      "rate_limited",
      `Too many reports with this token; try again in ${waitSeconds} s. One report per agent every few minutes is plenty.`,
      { retryAfterSeconds: waitSeconds },
    );
  }
  if (!isJsonContentType(request)) {
    throw new IngestRefusal(
      415,
      "unsupported_media_type",
      "Send the report as JSON: `Content-Type: application/json`.",
    );
  }
  const body = parseJson(await readBodyWithin(request, MAX_INGEST_BODY_BYTES, tooLarge));
  const parsed = parseModelsStatusReport(body);
  if (!parsed.ok) {
    throw new IngestRefusal(422, "invalid_report", unsupportedReportMessage(parsed.problem), {
      path: parsed.problem.path,
    });
  }

  const agentKey = reportedAgentKey(body, new URL(request.url));
  const recorded = await recordIngestReport(deps, {
    gateway,
    agentKey,
    body,
    report: parsed.report,
    takenAt: now,
    requestId,
  });
  if (!recorded.ok) {
    throw new IngestRefusal(
      404,
      "unknown_agent",
      agentKey === undefined
        ? "This gateway has no default agent (none is marked default and there is no `main`). Run with `--agent <id>`."
        : `This gateway has no agent ${OPENCLAW_AGENT_ID.test(agentKey) ? `"${agentKey}"` : "with the reported id"}. Import or create it in the console first.`,
    );
  }

  const { snapshot } = recorded;
  return Response.json(
    {
      snapshotId: snapshot.id,
      agentId: recorded.agentKey,
      takenAt: snapshot.takenAt.toISOString(),
      requestId,
    },
    { status: 201, headers: { "x-request-id": requestId } },
  );
}

/**
 * `POST /api/ingest/status`: a gateway host posts what `openclaw models status --json [--agent <id>]`
 * printed, authenticated by the gateway's ingest token; it is stored as the agent's `reported` snapshot.
 * Token auth, not cookies, so the tRPC same-origin (CSRF) guard does not apply.
 */
export async function handleIngestStatus(request: Request, deps: IngestDependencies): Promise<Response> {
  const requestId = crypto.randomUUID();
  const seen: { gatewayId?: string } = {};
  let response: Response;
  try {
    response = await ingest(request, deps, requestId, seen);
  } catch (error) {
    const refusal =
      error instanceof IngestRefusal
        ? error
        : new IngestRefusal(
            500,
            "internal",
            `The report could not be stored. Quote request id ${requestId}.`,
          );
    if (!(error instanceof IngestRefusal)) {
      // why: the error name only; driver errors echo their arguments, which here would be the report.
      deps.log(
        `[clawfleet] ingest error ${error instanceof Error ? error.name : "unknown"} request=${requestId}`,
      );
    }
    response = refusalResponse(refusal, requestId, "clawfleet-ingest");
  }
  deps.log(
    `[clawfleet] POST /api/ingest/status ${response.status} gateway=${seen.gatewayId ?? "-"} request=${requestId}`,
  );
  return response;
}
