import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHttpContext } from "~/server/api/http-context";
import { appRouter } from "~/server/api/root";
import { isSameOriginRequest } from "~/server/api/same-origin";
import { CallsThrottled } from "~/server/api/trpc";
import { trpcBodyLimit, withBodyLimit } from "~/server/http/request-body-limit";

async function handler(request: Request) {
  if (!isSameOriginRequest(request)) {
    return Response.json({ error: { message: "Cross-site request refused." } }, { status: 403 });
  }
  // why: one session lookup serves both the body cap (uploads only when signed in) and the procedures.
  const context = createHttpContext();
  const limit = await trpcBodyLimit(request, async () => (await context).session !== null);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: withBodyLimit(request, limit),
    router: appRouter,
    createContext: () => context,
    responseMeta({ errors }) {
      const throttled = errors.find((error) => error.cause instanceof CallsThrottled)?.cause;
      return throttled instanceof CallsThrottled
        ? { headers: new Headers({ "retry-after": String(throttled.retryAfterSeconds) }) }
        : {};
    },
    onError({ error, path, ctx }) {
      // Path, code and request id only: inputs may hold secrets.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`[clawfleet] tRPC ${path ?? "?"} ${error.code} request=${ctx?.requestId ?? "?"}`);
      }
    },
  });
}

export { handler as GET, handler as POST };
