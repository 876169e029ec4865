// The agent's side of the HTTPS long-poll channel (core `connector/host-channel.ts`). Every answer is validated
// against core's schemas before it is used. Failures come in three kinds the run loop treats differently:
// `CredentialRefusedError` (401: stop, never retry), `ConsoleUnreachableError` (network, timeout, 5xx, 429:
// reconnect with backoff) and `ConsoleRequestError` (any other refusal: our request is wrong).
import {
  enrolResponseSchema,
  HOST_AGENT_PATHS,
  POLL_HOLD_MS,
  pollResponseSchema,
  type EnrolRequest,
  type EnrolResponse,
  type JobResultRequest,
  type PollRequest,
  type PollResponse,
  type ReportsRequest,
} from "@clawfleet/core/connector/host-channel";
import type { z } from "zod";

export class CredentialRefusedError extends Error {
  override readonly name = "CredentialRefusedError";
}
export class ConsoleUnreachableError extends Error {
  override readonly name = "ConsoleUnreachableError";
}
export class ConsoleRequestError extends Error {
  override readonly name = "ConsoleRequestError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type Fetch = typeof fetch;

/** A poll is held up to `POLL_HOLD_MS` by the console; allow that plus time for the answer to travel. */
const POLL_TIMEOUT_MS = POLL_HOLD_MS + 15_000;
const REQUEST_TIMEOUT_MS = 30_000;

async function send<T>(
  fetchImpl: Fetch,
  url: string,
  init: { body: unknown; credential?: string; timeoutMs: number; signal?: AbortSignal },
  schema: z.ZodType<T> | null,
): Promise<T | null> {
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(init.credential ? { authorization: `Bearer ${init.credential}` } : {}),
      },
      body: JSON.stringify(init.body),
      signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason;
    const reason = timeout.aborted ? `no answer within ${init.timeoutMs} ms` : describeNetworkError(error);
    throw new ConsoleUnreachableError(`cannot reach the console at ${new URL(url).origin}: ${reason}`);
  }
  const text = await response.text().catch(() => "");
  // why: without a credential (enrolment) a 401 is about the enrolment token, and the console says which problem.
  if (response.status === 401 && !init.credential)
    throw new ConsoleRequestError(
      `the console refused the enrolment token: ${errorMessageOf(text)}`,
      response.status,
    );
  if (response.status === 401)
    throw new CredentialRefusedError(
      "the console refused this agent's credential: it was revoked or rotated; enrol again",
    );
  if (response.status >= 500 || response.status === 429 || response.status === 408)
    throw new ConsoleUnreachableError(`the console answered ${response.status}: ${errorMessageOf(text)}`);
  if (!response.ok)
    throw new ConsoleRequestError(
      `the console refused the request (${response.status}): ${errorMessageOf(text)}`,
      response.status,
    );
  if (!schema) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConsoleUnreachableError(`the console answered ${response.status} with a body that is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ConsoleUnreachableError(
      `the console's answer does not match this agent's protocol: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  return parsed.data;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The console's `{error: {code, message}}` body, or the start of whatever it sent. */
function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message === "string")
      return typeof body.error.code === "string"
        ? `${body.error.code}: ${body.error.message}`
        : body.error.message;
  } catch {
    // not JSON: fall through
  }
  return text.slice(0, 200) || "(empty body)";
}

function endpoint(consoleUrl: string, path: string): string {
  return new URL(path, consoleUrl).toString();
}

export async function enrolWithConsole(
  fetchImpl: Fetch,
  consoleUrl: string,
  request: EnrolRequest,
): Promise<EnrolResponse> {
  const answer = await send(
    fetchImpl,
    endpoint(consoleUrl, HOST_AGENT_PATHS.enrol),
    { body: request, timeoutMs: REQUEST_TIMEOUT_MS },
    enrolResponseSchema,
  );
  if (!answer) throw new ConsoleUnreachableError("the console sent no enrolment");
  return answer;
}

/** The channel of an enrolled agent: every request carries its credential as a bearer token. */
export class ConsoleChannel {
  constructor(
    private readonly fetchImpl: Fetch,
    private readonly consoleUrl: string,
    private readonly credential: string,
  ) {}

  async poll(request: PollRequest, signal?: AbortSignal): Promise<PollResponse> {
    const answer = await send(
      this.fetchImpl,
      endpoint(this.consoleUrl, HOST_AGENT_PATHS.poll),
      { body: request, credential: this.credential, timeoutMs: POLL_TIMEOUT_MS, signal },
      pollResponseSchema,
    );
    if (!answer) throw new ConsoleUnreachableError("the console sent no poll answer");
    return answer;
  }

  async postResult(jobId: string, request: JobResultRequest): Promise<void> {
    await send(
      this.fetchImpl,
      endpoint(this.consoleUrl, HOST_AGENT_PATHS.jobResult(jobId)),
      { body: request, credential: this.credential, timeoutMs: REQUEST_TIMEOUT_MS },
      null,
    );
  }

  async postReports(request: ReportsRequest): Promise<void> {
    await send(
      this.fetchImpl,
      endpoint(this.consoleUrl, HOST_AGENT_PATHS.reports),
      { body: request, credential: this.credential, timeoutMs: REQUEST_TIMEOUT_MS },
      null,
    );
  }
}
