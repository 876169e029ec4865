import "server-only";
import { TRPCError } from "@trpc/server";
import { IMPORT_LIMITS, formatMebibytes } from "@clawfleet/core/openclaw-import/import-limits";

/**
 * How much of a request body `/api/trpc` reads before it refuses it: small for every procedure, larger only
 * for the import upload, and only for a signed-in caller (an anonymous request to it gets the small cap). The
 * body is counted while it streams, so neither a missing nor a false Content-Length gets round the cap, and a
 * refused body is never parsed.
 */

export const TRPC_BODY_LIMIT_BYTES = 256 * 1024;

/** Procedures whose input is an import upload. */
const UPLOAD_PROCEDURES: ReadonlySet<string> = new Set(["imports.preview"]);

/** `agents.list,imports.preview` of `/api/trpc/agents.list,imports.preview?batch=1`. */
function procedurePathsOf(request: Request): string[] {
  const { pathname } = new URL(request.url);
  return decodeURIComponent(pathname.replace(/^\/api\/trpc\/?/u, ""))
    .split(",")
    .filter((path) => path !== "");
}

/** The cap for this request; `isSignedIn` is asked only when an upload procedure is named. */
export async function trpcBodyLimit(request: Request, isSignedIn: () => Promise<boolean>): Promise<number> {
  const uploads = procedurePathsOf(request).some((path) => UPLOAD_PROCEDURES.has(path));
  return uploads && (await isSignedIn()) ? IMPORT_LIMITS.maxUploadRequestBytes : TRPC_BODY_LIMIT_BYTES;
}

function formatLimit(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes / 1024} KiB` : formatMebibytes(bytes);
}

/** The refusal, as a tRPC error: the route's error formatter turns it into a 413 every tRPC client can show. */
export function bodyTooLarge(limit: number): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message:
      limit === TRPC_BODY_LIMIT_BYTES
        ? `The request is larger than ${formatLimit(limit)}, the limit for this action.`
        : `The upload is larger than ${formatLimit(limit)} per request; an import takes at most ${formatMebibytes(IMPORT_LIMITS.maxTotalBytes)} of files or a ${formatMebibytes(IMPORT_LIMITS.maxArchiveBytes)} archive.`,
  });
}

/**
 * The request with its body counted as it is read: reading fails with {@link bodyTooLarge} as soon as the
 * body passes `limit` bytes, or at once when its Content-Length already says so.
 */
export function withBodyLimit(request: Request, limit: number): Request {
  if (!request.body) return request;
  const declared = Number(request.headers.get("content-length") ?? "0");
  let seen = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        if (declared > limit) controller.error(bodyTooLarge(limit));
      },
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(bodyTooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: counted,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

/** Sign-in forms and OAuth callbacks: an email, a password and a few tokens fit easily. */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The body of `request` read whole, or null as soon as it passes `limit` bytes (or says it will): for
 * handlers that parse the body themselves (next-auth), which must never be handed an unbounded one.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let seen = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
