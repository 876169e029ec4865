/**
 * Findings 8 and 17: anonymous procedures are limited per client address, before any token lookup or password
 * hashing, through the real tRPC route handler (429 with `Retry-After`).
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { burstAllowance } from "@clawfleet/core/throttling/throttle-policy";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "../testing/caller";
import { httpSession, readTrpcResponse, trpcRequest } from "../testing/trpc-http";
import { ANONYMOUS_CALLS_PER_ADDRESS, PROCEDURE_POLICY } from "./procedure-policy";

vi.mock("~/server/api/http-context", async () => {
  const harness = await import("~/server/testing/trpc-http");
  return { createHttpContext: harness.createTestHttpContext, ACTIVE_TEAM_COOKIE: "clawfleet-team" };
});

const db = useTestDb();
httpSession.db = db;
const allowance = burstAllowance(ANONYMOUS_CALLS_PER_ADDRESS);

let POST: (request: Request) => Response | Promise<Response>;
let GET: (request: Request) => Response | Promise<Response>;

beforeAll(async () => {
  ({ GET, POST } = await import("~/app/api/trpc/[trpc]/route"));
});

/** Well-formed (32 random bytes in base64url, as real links carry), so each call gets past input validation. */
const madeUpToken = () => randomBytes(32).toString("base64url");

async function acceptWithMadeUpToken() {
  return readTrpcResponse(
    await POST(
      trpcRequest(
        "invitations.acceptAsNewUser",
        { signUpToken: madeUpToken(), name: "Mallory", password: "a long enough password" },
        { kind: "mutation" },
      ),
    ),
  );
}

describe("anonymous procedures, per client address", () => {
  it("every public procedure of the policy table carries a per-address limit", () => {
    const publicPaths = Object.entries(PROCEDURE_POLICY).filter(([, policy]) => policy.role === "public");
    expect(publicPaths.length).toBeGreaterThan(0);
    for (const [path, policy] of publicPaths)
      expect(policy.perAddress, path).toBe(ANONYMOUS_CALLS_PER_ADDRESS);
  });

  it("answers 429 with Retry-After once one address has spent its allowance of made-up sign-up tokens", async () => {
    httpSession.userId = null;
    httpSession.clientAddress = "198.51.100.7";
    const statuses: number[] = [];
    for (let call = 0; call < allowance; call += 1) statuses.push((await acceptWithMadeUpToken()).status);
    // Refused as unknown sign-up links (the domain's answer), not by the limit.
    expect(new Set(statuses)).toEqual(new Set([404]));

    const refused = await acceptWithMadeUpToken();
    expect(refused.status).toBe(429);
    expect(refused.error?.data?.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.error?.message).toMatch(
      /^Too many requests from your address\. Try again in \d+ (seconds?|minutes?)\.$/,
    );
    expect(refused.headerText).toMatch(/^retry-after: \d+$/m);

    // The other anonymous procedure shares the budget.
    const preview = await readTrpcResponse(
      await GET(trpcRequest("invitations.preview", { token: madeUpToken() }, { kind: "query" })),
    );
    expect(preview.status).toBe(429);

    // Another address is not affected.
    httpSession.clientAddress = "198.51.100.8";
    expect((await acceptWithMadeUpToken()).status).not.toBe(429);
  });

  it("does not limit signed-in procedures by address", async () => {
    const { members } = await teamWithMembers(db);
    httpSession.userId = members.viewer.id;
    httpSession.clientAddress = "198.51.100.9";
    for (let call = 0; call < allowance + 5; call += 1) {
      const response = await readTrpcResponse(
        await GET(trpcRequest("session.memberships", undefined, { kind: "query" })),
      );
      expect(response.status).toBe(200);
    }
  });
});
