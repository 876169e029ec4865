/**
 * CSRF (security checklist B4.2) against the real tRPC route handler: a signed-in admin's browser is made
 * to send a state-changing request from elsewhere. Every attack cell is refused and changes nothing; the
 * same request from the console's own origin goes through.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { tenantDataChecksum } from "@clawfleet/db/testing/tenant-checksum";
import { createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "../testing/caller";
import { APP_ORIGIN, httpSession, readTrpcResponse, trpcRequest } from "../testing/trpc-http";
import { isSameOriginRequest } from "./same-origin";

vi.mock("~/server/api/http-context", async () => {
  const harness = await import("~/server/testing/trpc-http");
  return { createHttpContext: harness.createTestHttpContext, ACTIVE_TEAM_COOKIE: "clawfleet-team" };
});

const db = useTestDb();
httpSession.db = db;

let POST: (request: Request) => Response | Promise<Response>;
let GET: (request: Request) => Response | Promise<Response>;
let teamId: string;
let agentId: string;

beforeAll(async () => {
  ({ GET, POST } = await import("~/app/api/trpc/[trpc]/route"));
  const { team, members } = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id });
  teamId = team.id;
  agentId = agent.id;
  // The victim: a signed-in admin whose browser carries the session cookie to every request.
  httpSession.userId = members.admin.id;
});

async function renameInput() {
  const { version } = await db.agent.findUniqueOrThrow({ where: { id: agentId } });
  return { agentId, expectedVersion: version, edit: { name: `renamed ${version}`, tags: [] } };
}

const EVIL = "http://evil.example";
const ATTACKS: { name: string; headers: Record<string, string | null> }[] = [
  { name: "text/plain from a foreign origin", headers: { "content-type": "text/plain", origin: EVIL } },
  {
    name: "form-urlencoded with Origin: null",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "null" },
  },
  {
    name: "multipart without Origin or Sec-Fetch-Site",
    headers: { "content-type": "multipart/form-data; boundary=x", origin: null },
  },
  { name: "JSON without Origin or Sec-Fetch-Site", headers: { origin: null } },
  { name: "JSON from a foreign origin", headers: { origin: EVIL } },
  { name: "JSON from a same-site sibling", headers: { origin: "http://tools.console.test" } },
  { name: "JSON from another port of the same host", headers: { origin: "http://console.test:8443" } },
  { name: "JSON from https of the same host name", headers: { origin: "https://evil.console.test" } },
  {
    name: "JSON, no Origin, Sec-Fetch-Site cross-site",
    headers: { origin: null, "sec-fetch-site": "cross-site" },
  },
  {
    name: "JSON, no Origin, Sec-Fetch-Site same-site",
    headers: { origin: null, "sec-fetch-site": "same-site" },
  },
  { name: "JSON, no Origin, Sec-Fetch-Site none", headers: { origin: null, "sec-fetch-site": "none" } },
  { name: "a malformed Origin", headers: { origin: "not a url" } },
  {
    name: "text/plain from the same origin (a form cannot send JSON)",
    headers: { "content-type": "text/plain" },
  },
  {
    name: "form-urlencoded from the same origin",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  },
];

describe("cross-site mutations", () => {
  it.each(ATTACKS)("refuses $name and changes nothing", async ({ headers }) => {
    const before = await tenantDataChecksum(db, teamId);
    const response = await POST(
      trpcRequest("agents.update", await renameInput(), { kind: "mutation", headers }),
    );
    const read = await readTrpcResponse(response);
    expect(read.status, read.text).toBeGreaterThanOrEqual(400);
    expect(read.status).toBeLessThan(500);
    expect(await tenantDataChecksum(db, teamId)).toBe(before);
  });

  it("refuses a mutation sent as GET (a link or an image), changing nothing", async () => {
    const before = await tenantDataChecksum(db, teamId);
    const response = await GET(trpcRequest("agents.update", await renameInput(), { kind: "query" }));
    expect(response.status).toBe(405);
    expect(await tenantDataChecksum(db, teamId)).toBe(before);
  });

  it("accepts the console's own request (same Origin, JSON) and the change is made", async () => {
    const before = await tenantDataChecksum(db, teamId);
    const read = await readTrpcResponse(
      await POST(trpcRequest("agents.update", await renameInput(), { kind: "mutation" })),
    );
    expect(read.status, read.text).toBe(200);
    expect(await tenantDataChecksum(db, teamId)).not.toBe(before);
  });

  it("accepts a same-origin request that carries only Sec-Fetch-Site: same-origin", async () => {
    const read = await readTrpcResponse(
      await POST(
        trpcRequest("agents.update", await renameInput(), {
          kind: "mutation",
          headers: { origin: null, "sec-fetch-site": "same-origin" },
        }),
      ),
    );
    expect(read.status, read.text).toBe(200);
  });

  it("lets reads through without Origin (GET never changes state)", () => {
    expect(isSameOriginRequest(new Request(`${APP_ORIGIN}/api/trpc/agents.list`))).toBe(true);
  });
});
