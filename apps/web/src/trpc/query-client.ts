import { QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";

/** Answers that another try cannot change: the caller lacks the right, or the thing is not there. */
const FINAL_ERROR_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

/** A tRPC error's code (`FORBIDDEN`…), from the error shape the server sends; undefined for other failures. */
export function trpcErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== "object" || data === null || !("code" in data)) return undefined;
  const code = (data as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Retries a failed query twice, except when the answer is final (a 401, 403 or 404 says so at once). */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const code = trpcErrorCode(error);
  return failureCount < 2 && !(code && FINAL_ERROR_CODES.has(code));
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: shouldRetryQuery,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
