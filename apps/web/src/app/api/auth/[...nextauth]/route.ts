import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext) {
  // why: next-auth v4 reads `params.nextauth` synchronously; Next 16 passes params as a promise.
  const nextAuthHandler = NextAuth(authOptions()) as (
    request: Request,
    context: { params: { nextauth: string[] } },
  ) => Promise<Response>;
  return nextAuthHandler(request, { params: await context.params });
}

export { handler as GET, handler as POST };
