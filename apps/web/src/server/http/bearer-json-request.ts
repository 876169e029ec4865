import "server-only";
import { formatDocumentPath } from "@clawfleet/core/document-parsing/document-issue";
import { scanJsonText } from "@clawfleet/core/document-parsing/json-text-scan";

/**
 * Reading the machine-to-machine endpoints' requests (ingest, host agents): a bearer token, a JSON body, and a
 * size limit enforced while reading. These endpoints authenticate by token, not cookies, so the tRPC
 * same-origin (CSRF) guard does not apply to them.
 */

/** The token of `Authorization: Bearer <token>`, or null when the header is missing or of another scheme. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(header) : null;
  return match?.[1] ?? null;
}

export function isJsonContentType(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json" || (type?.endsWith("+json") ?? false);
}

/**
 * Reads the body as text, stopping as soon as it passes `limit` bytes (a false Content-Length cannot get round
 * it); then throws what `tooLarge` makes.
 */
export async function readBodyWithin(
  request: Request,
  limit: number,
  tooLarge: () => Error,
): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The body as JSON; what `refuse.invalid` makes when it is not JSON. Refused by `refuse.unsafe` (with the path)
 * when the text holds what JSON.parse would accept but must not be stored: nesting too deep, a lone surrogate,
 * a duplicate key.
 */
export function parseJsonBody(
  text: string,
  refuse: { invalid: () => Error; unsafe: (message: string, path: string) => Error },
): unknown {
  const problem = scanJsonText(text);
  if (problem) throw refuse.unsafe(problem.message, formatDocumentPath(problem.path));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refuse.invalid();
  }
}

/** A bearer-token API's refusal: an HTTP status, a stable code, a message for the caller, and where the problem is. */
export class ApiRefusal<Code extends string = string> extends Error {
  constructor(
    readonly status: number,
    readonly code: Code,
    message: string,
    readonly extra: { path?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

/** The refusal as JSON `{error: {code, message, path?}, requestId}`, with `Retry-After` and the realm on a 401. */
export function refusalResponse(refusal: ApiRefusal, requestId: string, realm: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (refusal.extra.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(refusal.extra.retryAfterSeconds);
  if (refusal.status === 401) headers["www-authenticate"] = `Bearer realm="${realm}"`;
  return Response.json(
    {
      error: {
        code: refusal.code,
        message: refusal.message,
        ...(refusal.extra.path !== undefined ? { path: refusal.extra.path } : {}),
      },
      requestId,
    },
    { status: refusal.status, headers },
  );
}
