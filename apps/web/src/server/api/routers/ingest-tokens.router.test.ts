import { describe, expect, it } from "vitest";
import { createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { authenticateIngestToken } from "@clawfleet/services/ingest/ingest-report";
import { teamWithMembers } from "../../testing/caller";

const db = useTestDb();

describe("ingest tokens router", () => {
  it("lets only an admin rotate or revoke; viewers read the hint", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const input = { gatewayId: gateway.id, expectedVersion: 1 };
    for (const role of ["viewer", "operator"] as const) {
      await expect(as(role).ingestTokens.rotate(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(as(role).ingestTokens.revoke(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const { token, gateway: after } = await as("admin").ingestTokens.rotate(input);
    expect(after).toMatchObject({ gatewayId: gateway.id, version: 2, hint: token.slice(-4) });
    expect(await as("viewer").ingestTokens.forGateway({ gatewayId: gateway.id })).toEqual(after);

    const revoked = await as("admin").ingestTokens.revoke({ gatewayId: gateway.id, expectedVersion: 2 });
    expect(revoked.gateway).toMatchObject({ hint: null, version: 3 });
    expect(await authenticateIngestToken({ db }, token)).toBeNull();
  });

  it("answers CONFLICT for a stale version and NOT_FOUND for another team's gateway, changing nothing", async () => {
    const { team, as } = await teamWithMembers(db);
    const theirs = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const foreign = await createGateway(db, { teamId: theirs.team.id });

    await as("admin").ingestTokens.rotate({ gatewayId: gateway.id, expectedVersion: 1 });
    const stale = await as("admin")
      .ingestTokens.rotate({ gatewayId: gateway.id, expectedVersion: 1 })
      .catch((error: unknown) => error);
    expect(stale).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("now version 2") as unknown,
    });

    for (const call of [
      () => as("admin").ingestTokens.rotate({ gatewayId: foreign.id, expectedVersion: 1 }),
      () => as("admin").ingestTokens.revoke({ gatewayId: foreign.id, expectedVersion: 1 }),
      () => as("viewer").ingestTokens.forGateway({ gatewayId: foreign.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const foreignRow = await db.gateway.findUniqueOrThrow({ where: { id: foreign.id } });
    expect([foreignRow.ingestTokenHash, foreignRow.version]).toEqual([null, 1]);
    expect(await db.auditEvent.count({ where: { teamId: theirs.team.id } })).toBe(0);
  });

  it("audits rotate and revoke with the hint and versions only", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const { token } = await as("admin").ingestTokens.rotate({ gatewayId: gateway.id, expectedVersion: 1 });
    await as("admin").ingestTokens.revoke({ gatewayId: gateway.id, expectedVersion: 2 });
    const events = await db.auditEvent.findMany({ where: { teamId: team.id }, orderBy: { id: "asc" } });
    expect(
      events.map(({ action, targetId, before, after }) => ({ action, targetId, before, after })),
    ).toEqual([
      {
        action: "gateway.ingest_token.rotate",
        targetId: gateway.id,
        before: { hint: null, version: 1 },
        after: { hint: token.slice(-4), version: 2 },
      },
      {
        action: "gateway.ingest_token.revoke",
        targetId: gateway.id,
        before: { hint: token.slice(-4), version: 2 },
        after: { hint: null, version: 3 },
      },
    ]);
  });
});
