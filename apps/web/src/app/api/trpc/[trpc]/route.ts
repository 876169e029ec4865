import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHttpContext } from "~/server/api/http-context";
import { appRouter } from "~/server/api/root";
import { isSameOriginRequest } from "~/server/api/same-origin";
import { CallsThrottled } from "~/server/api/trpc";

function handler(request: Request) {
  if (!isSameOriginRequest(request)) {
    return Response.json({ error: { message: "Cross-site request refused." } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createHttpContext,
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
