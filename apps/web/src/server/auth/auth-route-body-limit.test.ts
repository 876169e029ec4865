/**
 * Finding 9, the same class on the sign-in route: next-auth reads and parses whole bodies itself, so the route
 * refuses one past 16 KiB (declared or streamed) before next-auth sees it.
 */
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

// next-auth itself is replaced by a probe: it reads the request the way next-auth's App Router handler does
// (`nextUrl`, then the body), and echoes what it saw.
vi.mock("next-auth", () => ({
  default: () => async (request: NextRequest) =>
    Response.json({ path: request.nextUrl.pathname, body: await request.text() }),
}));
vi.mock("~/server/auth/auth-options", () => ({ authOptions: () => ({}) }));

const ORIGIN = "http://localhost:3000";
const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };

/** 16 KiB chunks without a Content-Length, and how many bytes the route pulled. */
function streamed(totalBytes: number) {
  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled };
}

describe("the sign-in route's body limit", () => {
  it("refuses a 300 KiB form with 413 and a plain message", async () => {
    const { POST } = await import("~/app/api/auth/[...nextauth]/route");
    const response = await POST(
      new Request(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `email=a%40b.c&password=${"x".repeat(300 * 1024)}`,
      }),
      context,
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { message: "The request is larger than a sign-in can be (16 KiB)." },
    });
  });

  it("stops reading a chunked body without Content-Length just past the limit", async () => {
    const { POST } = await import("~/app/api/auth/[...nextauth]/route");
    const { body, pulled } = streamed(150 * 1024 * 1024);
    const response = await POST(
      new Request(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        duplex: "half",
      } as RequestInit),
      context,
    );
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("hands a sign-in within the limit on to next-auth as a NextRequest with its body intact", async () => {
    const { POST } = await import("~/app/api/auth/[...nextauth]/route");
    const response = await POST(
      new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.c&password=correct+horse",
      }),
      context,
    );
    expect(await response.json()).toEqual({
      path: "/api/auth/callback/credentials",
      body: "email=a%40b.c&password=correct+horse",
    });
  });
});
