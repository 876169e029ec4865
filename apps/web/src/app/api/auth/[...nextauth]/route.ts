import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "~/server/auth/auth-options";
import { AUTH_BODY_LIMIT_BYTES, readBoundedBody } from "~/server/http/request-body-limit";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext) {
  let bounded = request;
  if (request.method === "POST") {
    // why: next-auth reads and parses the whole body itself; an anonymous 150 MB POST must not reach it.
    const body = await readBoundedBody(request, AUTH_BODY_LIMIT_BYTES);
    if (!body)
      return Response.json(
        { error: { message: "The request is larger than a sign-in can be (16 KiB)." } },
        { status: 413 },
      );
    // why: next-auth's route handler reads `nextUrl`, which only a NextRequest has.
    bounded = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
  }
  // why: next-auth v4 reads `params.nextauth` synchronously; Next 16 passes params as a promise.
  const nextAuthHandler = NextAuth(authOptions()) as (
    request: Request,
    context: { params: { nextauth: string[] } },
  ) => Promise<Response>;
  return nextAuthHandler(bounded, { params: await context.params });
}

export { handler as GET, handler as POST };
