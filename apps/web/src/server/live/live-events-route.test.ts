/** The real `GET /api/events` route, wired from the validated server env as in production. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_KEY } from "@clawfleet/db/testing/factories";

let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "route-test-secret-route-test-secret-0123";
  process.env.CLAWFLEET_SECRET_KEY ??= TEST_SECRET_KEY;
  ({ GET } = await import("~/app/api/events/route"));
});

afterAll(async () => {
  const { liveEventsDependencies } = await import("./live-events-deps");
  await liveEventsDependencies().feed.close();
  const { db: appDb } = await import("~/server/db");
  await appDb().$disconnect();
});

describe("GET /api/events (route)", () => {
  it("answers 401 with a JSON message and no stream when the caller has no session", async () => {
    const response = await GET(new Request("http://localhost/api/events"));
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: { message: "Sign in to continue." } });
  });

  it("does not take a bearer token in place of the session cookie", async () => {
    const response = await GET(
      new Request("http://localhost/api/events", { headers: { authorization: "Bearer anything" } }),
    );
    expect(response.status).toBe(401);
  });
});
