/**
 * Drives the real tRPC route handler (`app/api/trpc/[trpc]/route.ts`: CSRF guard, fetch adapter, error
 * formatter, superjson, onError logging) from vitest. Only the session lookup is replaced: a test file
 * mocks `~/server/api/http-context` with `createTestHttpContext`, and picks the signed-in user per request.
 */
import superjson from "superjson";
import type { DbClient } from "@clawfleet/db/client";
import { type Context, createContextInner } from "../api/context";
import { testSecretBox } from "./caller";
import { recordingMail } from "./recording-mail";

export const APP_HOST = "console.test";
export const APP_ORIGIN = `http://${APP_HOST}`;

/** Who the next request is from; set by the test before each request. */
export const httpSession: { db: DbClient | null; userId: string | null; clientAddress?: string | null } = {
  db: null,
  userId: null,
};

export function createTestHttpContext(): Promise<Context> {
  if (!httpSession.db) throw new Error("httpSession.db is not set");
  return Promise.resolve(
    createContextInner({
      db: httpSession.db,
      secretBox: testSecretBox,
      session: httpSession.userId
        ? { userId: httpSession.userId, authTime: Math.floor(Date.now() / 1000) }
        : null,
      requestedTeamId: null,
      clientAddress: httpSession.clientAddress ?? null,
      mail: recordingMail,
    }),
  );
}

/** A browser-like same-origin request to one procedure; `headers` override (or with null, remove) defaults. */
export function trpcRequest(
  path: string,
  input: unknown,
  { kind, headers = {} }: { kind: "query" | "mutation"; headers?: Record<string, string | null> },
): Request {
  const serialized = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const defaults: Record<string, string | null> = {
    host: APP_HOST,
    origin: kind === "mutation" ? APP_ORIGIN : null,
    "content-type": kind === "mutation" ? "application/json" : null,
  };
  const merged = new Headers();
  for (const [name, value] of Object.entries({ ...defaults, ...headers }))
    if (value !== null) merged.set(name, value);
  const url = `${APP_ORIGIN}/api/trpc/${path}`;
  if (kind === "query")
    return new Request(serialized ? `${url}?input=${encodeURIComponent(serialized)}` : url, {
      headers: merged,
    });
  return new Request(url, { method: "POST", headers: merged, body: serialized ?? "{}" });
}

/** The decoded result of a tRPC HTTP response, plus its raw text and headers for scanning. */
export async function readTrpcResponse(response: Response) {
  const text = await response.text();
  let data: unknown;
  let error: { message?: string; data?: { code?: string } } | undefined;
  try {
    const body = JSON.parse(text) as {
      result?: { data: Parameters<typeof superjson.deserialize>[0] };
      error?: Parameters<typeof superjson.deserialize>[0];
    };
    if (body.result) data = superjson.deserialize(body.result.data);
    if (body.error) error = superjson.deserialize(body.error);
  } catch {
    // A refusal before tRPC (the CSRF guard) is plain JSON without the superjson envelope.
  }
  const headerText = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return { status: response.status, text, headerText, data, error };
}
