import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHttpContext } from "~/server/api/http-context";
import { appRouter } from "~/server/api/root";
import { isSameOriginRequest } from "~/server/api/same-origin";

function handler(request: Request) {
  if (!isSameOriginRequest(request)) {
    return Response.json({ error: { message: "Cross-site request refused." } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createHttpContext,
    onError({ error, path, ctx }) {
      // Path, code and request id only: inputs may hold secrets.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`[clawfleet] tRPC ${path ?? "?"} ${error.code} request=${ctx?.requestId ?? "?"}`);
      }
    },
  });
}

export { handler as GET, handler as POST };
