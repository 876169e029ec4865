import { TRPCClientError } from "@trpc/client";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { describe, expect, it } from "vitest";
import { shouldRetryQuery } from "./query-client";

function trpcError(code: TRPC_ERROR_CODE_KEY, httpStatus: number) {
  return new TRPCClientError("This needs the admin role; you are viewer in Demo.", {
    result: { error: { code: -32603, message: "x", data: { code, httpStatus, path: "audit.page" } } },
  });
}

describe("shouldRetryQuery", () => {
  it.each<[TRPC_ERROR_CODE_KEY, number]>([
    ["FORBIDDEN", 403],
    ["UNAUTHORIZED", 401],
    ["NOT_FOUND", 404],
  ])("never retries a %s answer", (code, status) => {
    expect(shouldRetryQuery(0, trpcError(code, status))).toBe(false);
  });

  it("retries other failures twice", () => {
    const failures = [trpcError("INTERNAL_SERVER_ERROR", 500), new TypeError("Failed to fetch")];
    for (const error of failures) {
      expect(shouldRetryQuery(0, error)).toBe(true);
      expect(shouldRetryQuery(1, error)).toBe(true);
      expect(shouldRetryQuery(2, error)).toBe(false);
    }
  });
});
