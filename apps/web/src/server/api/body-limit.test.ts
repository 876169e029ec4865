/**
 * Finding 9: `/api/trpc` read and parsed any body in full (a 150 MB anonymous POST to a public procedure).
 * Against the real route handler: bodies are counted while they stream and refused with a tRPC-shaped 413
 * past 256 KiB, before anything parses them; only a signed-in caller's import upload may be larger.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { TRPC_BODY_LIMIT_BYTES } from "../http/request-body-limit";
import { teamWithMembers } from "../testing/caller";
import { APP_HOST, APP_ORIGIN, httpSession, readTrpcResponse, trpcRequest } from "../testing/trpc-http";

vi.mock("~/server/api/http-context", async () => {
  const harness = await import("~/server/testing/trpc-http");
  return { createHttpContext: harness.createTestHttpContext, ACTIVE_TEAM_COOKIE: "clawfleet-team" };
});

const db = useTestDb();
httpSession.db = db;

let POST: (request: Request) => Response | Promise<Response>;
let adminId: string;

beforeAll(async () => {
  ({ POST } = await import("~/app/api/trpc/[trpc]/route"));
  const { members } = await teamWithMembers(db);
  adminId = members.admin.id;
});

afterEach(() => {
  httpSession.userId = null;
  vi.restoreAllMocks();
});

const KIB = 1024;

/** A same-origin POST to `path` whose body is `body` (a stream has no Content-Length unless given). */
function rawPost(
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  return new Request(`${APP_ORIGIN}/api/trpc/${path}`, {
    method: "POST",
    headers: { host: APP_HOST, origin: APP_ORIGIN, "content-type": "application/json", ...headers },
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  });
}

/** A body streamed in 16 KiB chunks without a Content-Length, and how much of it was pulled. */
function chunkedBody(totalBytes: number) {
  const chunk = new TextEncoder().encode("x".repeat(16 * KIB));
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

async function expect413(response: Response, limitText: RegExp) {
  const read = await readTrpcResponse(response);
  expect(read.status).toBe(413);
  expect(read.error?.data?.code).toBe("PAYLOAD_TOO_LARGE");
  expect(read.error?.message).toMatch(limitText);
}

describe("the /api/trpc body limit", () => {
  it("refuses 300 KiB to a public procedure with 413, without parsing it", async () => {
    const parse = vi.spyOn(JSON, "parse");
    // Not JSON at all: had it been parsed, the answer would be a 400 parse error, not a 413.
    const response = await POST(rawPost("invitations.acceptAsNewUser", "{".repeat(300 * KIB)));
    const parsedBigText = parse.mock.calls.some(
      ([text]) => typeof text === "string" && text.length > 100 * KIB,
    );
    parse.mockRestore();
    expect(parsedBigText).toBe(false);
    await expect413(response, /larger than 256 KiB/u);
  });

  it("refuses a chunked body without Content-Length once it passes the cap, reading no further", async () => {
    const { stream, pulled } = chunkedBody(10 * 1024 * KIB);
    await expect413(await POST(rawPost("invitations.acceptAsNewUser", stream)), /larger than 256 KiB/u);
    expect(pulled.bytes).toBeLessThan(TRPC_BODY_LIMIT_BYTES + 64 * KIB);
  });

  it("is not fooled by a Content-Length that understates the body", async () => {
    const { stream } = chunkedBody(400 * KIB);
    await expect413(
      await POST(rawPost("invitations.acceptAsNewUser", stream, { "content-length": "10" })),
      /larger than 256 KiB/u,
    );
  });

  it("answers a batch with one tRPC error per call", async () => {
    const read = await readTrpcResponse(
      await POST(
        rawPost("invitations.acceptAsNewUser,invitations.acceptAsNewUser?batch=1", "x".repeat(300 * KIB)),
      ),
    );
    expect(read.status).toBe(413);
    const body = JSON.parse(read.text) as unknown[];
    expect(body).toHaveLength(2);
  });

  it("gives an anonymous caller the small cap on the upload procedure too (and never reads past it)", async () => {
    const { stream, pulled } = chunkedBody(10 * 1024 * KIB);
    const read = await readTrpcResponse(await POST(rawPost("imports.preview", stream)));
    // tRPC checks the session before it reads the input: 401, with at most the small cap read.
    expect(read.status).toBe(401);
    expect(pulled.bytes).toBeLessThan(TRPC_BODY_LIMIT_BYTES + 64 * KIB);
  });

  it("lets a signed-in admin's import upload within its cap through", async () => {
    httpSession.userId = adminId;
    const text = JSON.stringify({
      agents: { defaults: { model: { primary: "anthropic/claude-opus-4-8" } } },
      pad: "p".repeat(900 * KIB),
    });
    const request = trpcRequest(
      "imports.preview",
      {
        target: {
          newGateway: {
            name: `big-${crypto.randomUUID().slice(0, 8)}`,
            homeDir: "/home/o",
            openclawVersion: "2026.9.6",
          },
        },
        upload: { files: [{ path: "openclaw.json", text }] },
      },
      { kind: "mutation" },
    );
    const read = await readTrpcResponse(await POST(request));
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ importRunId: expect.any(String) as unknown });
  });

  it("still refuses a signed-in upload past the upload cap", async () => {
    httpSession.userId = adminId;
    const { stream } = chunkedBody(130 * 1024 * KIB);
    await expect413(await POST(rawPost("imports.preview", stream)), /larger than 129 MiB per request/u);
  });
});
