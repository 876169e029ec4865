import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { inTransaction } from "@clawfleet/db/client";
import { saveTeamWebhook } from "@clawfleet/db/reauth-webhook.repository";
import { createTeam } from "@clawfleet/db/testing/factories";
import { deliverDueWebhooksNow } from "../testing/deliver-due-webhooks";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { saveWebhook } from "./team-webhook";
import { queueWebhookDelivery } from "./webhook-delivery";

const deps = useServiceTestDeps();

/** A receiver on loopback (the attacker's stand-in for an internal service) that counts what reaches it. */
type Receiver = { port: number; hits: number; close: () => Promise<void> };
const receivers: Server[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function receiver(status: number, { hang = false } = {}): Promise<Receiver> {
  const state = { hits: 0 };
  const server = createServer((request, response) => {
    state.hits += 1;
    request.resume();
    if (!hang) response.writeHead(status).end("internal answer");
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get hits() {
      return state.hits;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Stores `url` as the team's webhook without the save-time check (as if DNS changed after saving). */
async function teamWithStoredWebhook(url: string) {
  const team = await createTeam(deps.db);
  await inTransaction(deps.db, (tx) =>
    saveTeamWebhook(tx, deps.secretBox, { teamId: team.id, url, expectedVersion: null, rotateSecret: false }),
  );
  await inTransaction(deps.db, (tx) =>
    queueWebhookDelivery(tx, {
      teamId: team.id,
      payload: { event: "reauth.requested" },
      dedupeKey: `ssrf:${team.id}`,
      now: new Date(),
    }),
  );
  return team;
}

async function lastError(teamId: string) {
  const row = await deps.db.outboxJob.findFirstOrThrow({ where: { teamId, kind: "webhook" } });
  return row.lastError;
}

describe("team webhooks reach public addresses only (SSRF)", () => {
  it.each([
    "http://127.0.0.1:3000/api/trpc",
    "http://127.1:3000/",
    "http://2130706433:3000/",
    "http://0x7f000001:3000/",
    "http://[::1]:3000/",
    "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://localhost:5432/",
    "http://10.1.2.3/hook",
  ])("refuses to save %s and stores nothing", async (url) => {
    const team = await createTeam(deps.db);
    await expect(
      saveWebhook(deps, testCaller(team.id), {
        url,
        expectedVersion: null,
        rotateSecret: false,
        allowedNetworks: [],
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/public address/u) as string,
    });
    expect(await deps.db.teamWebhook.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("refuses at delivery a name that resolves to loopback, before connecting, whatever the receiver would say", async () => {
    const internal = await receiver(403);
    const team = await teamWithStoredWebhook(`http://localhost:${internal.port}/hook`);
    await deliverDueWebhooksNow(deps, { allowedNetworks: [] });
    expect(internal.hits).toBe(0);
    expect(await lastError(team.id)).toBe("refused: not a public address");
  });

  it("gives the same coarse answer for a closed port, a 403 and a hanging service, so the list is no oracle", async () => {
    const answering = await receiver(403);
    const hanging = await receiver(204, { hang: true });
    const closed = await receiver(204);
    await closed.close();
    const teams = [
      await teamWithStoredWebhook(`http://127.0.0.1:${answering.port}/hook`),
      await teamWithStoredWebhook(`http://127.0.0.1:${hanging.port}/hook`),
      await teamWithStoredWebhook(`http://127.0.0.1:${closed.port}/hook`),
    ];
    await deliverDueWebhooksNow(deps, { allowedNetworks: [] });
    expect(answering.hits + hanging.hits).toBe(0);
    for (const team of teams) expect(await lastError(team.id)).toBe("refused: not a public address");
  });

  it("reaches an internal receiver the install allows, and stores only classes of its failures", async () => {
    const ok = await receiver(204);
    const forbidden = await receiver(403);
    const closed = await receiver(204);
    await closed.close();
    const cases = [
      { team: await teamWithStoredWebhook(`http://localhost:${ok.port}/hook`), expected: null },
      {
        team: await teamWithStoredWebhook(`http://127.0.0.1:${forbidden.port}/hook`),
        expected: "receiver answered 4xx",
      },
      {
        team: await teamWithStoredWebhook(`http://127.0.0.1:${closed.port}/hook`),
        expected: "could not connect",
      },
    ];
    // `localhost` may resolve to ::1 first: both loopback addresses are allowed, nothing else.
    await deliverDueWebhooksNow(deps, { allowedNetworks: ["127.0.0.1", "::1"] });
    expect(ok.hits).toBe(1);
    expect(forbidden.hits).toBe(1);
    for (const { team, expected } of cases) expect(await lastError(team.id)).toBe(expected);
  });
});
