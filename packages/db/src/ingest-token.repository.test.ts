import { describe, expect, it } from "vitest";
import {
  findIngestAgent,
  hashIngestToken,
  markGatewaySeen,
  resolveIngestToken,
  revokeIngestToken,
  rotateIngestToken,
} from "./ingest-token.repository";
import { createAgent, createGateway, createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();

async function gatewayOfNewTeam() {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  return { team, gateway };
}

describe("ingest tokens", () => {
  it("rotates to a fresh prefixed 256-bit token, stores only its hash and hint, and bumps the version", async () => {
    const { team, gateway } = await gatewayOfNewTeam();
    const { token, before, after } = await rotateIngestToken(db, {
      teamId: team.id,
      gatewayId: gateway.id,
      expectedVersion: 1,
    });

    expect(token).toMatch(/^cfi_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), "base64url")).toHaveLength(32);
    expect([before.hint, after.hint, after.version]).toEqual([null, token.slice(-4), 2]);
    const row = await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect(row.ingestTokenHash).toBe(hashIngestToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await resolveIngestToken(db, token)).toEqual({
      gatewayId: gateway.id,
      teamId: team.id,
      homeDir: gateway.homeDir,
    });
  });

  it("makes the previous token fail at once after a rotation or a revocation", async () => {
    const { team, gateway } = await gatewayOfNewTeam();
    const scope = { teamId: team.id, gatewayId: gateway.id };
    const first = await rotateIngestToken(db, { ...scope, expectedVersion: 1 });
    const second = await rotateIngestToken(db, { ...scope, expectedVersion: 2 });
    expect(second.token).not.toBe(first.token);
    expect(await resolveIngestToken(db, first.token)).toBeNull();
    expect(await resolveIngestToken(db, second.token)).not.toBeNull();

    const revoked = await revokeIngestToken(db, { ...scope, expectedVersion: 3 });
    expect(revoked.after).toMatchObject({ hint: null, version: 4 });
    expect(await resolveIngestToken(db, second.token)).toBeNull();
  });

  it("refuses a stale version with CONFLICT and another team's gateway with NOT_FOUND, changing nothing", async () => {
    const { team, gateway } = await gatewayOfNewTeam();
    const other = await createTeam(db);
    await expect(
      rotateIngestToken(db, { teamId: team.id, gatewayId: gateway.id, expectedVersion: 7 }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("version 1") as unknown });
    await expect(
      rotateIngestToken(db, { teamId: other.id, gatewayId: gateway.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const row = await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect([row.ingestTokenHash, row.version]).toEqual([null, 1]);
  });

  it("resolves nothing for malformed or unknown tokens", async () => {
    expect(await resolveIngestToken(db, "")).toBeNull();
    expect(await resolveIngestToken(db, "cfi_short")).toBeNull();
    expect(await resolveIngestToken(db, `cfi_${"A".repeat(43)}`)).toBeNull();
  });

  it("finds the reported agent by key, else the default agent, else main", async () => {
    const { team, gateway } = await gatewayOfNewTeam();
    const scope = { teamId: team.id, gatewayId: gateway.id };
    const main = await createAgent(db, { ...scope, agentKey: "main" });
    const work = await createAgent(db, { ...scope, agentKey: "work" });
    expect(await findIngestAgent(db, { ...scope, agentKey: "work" })).toEqual({
      id: work.id,
      agentKey: "work",
    });
    expect(await findIngestAgent(db, { ...scope, agentKey: "nosuch" })).toBeNull();
    expect(await findIngestAgent(db, { ...scope, agentKey: undefined })).toEqual({
      id: main.id,
      agentKey: "main",
    });
    await db.agent.update({ where: { id: work.id }, data: { isDefault: true } });
    expect(await findIngestAgent(db, { ...scope, agentKey: undefined })).toEqual({
      id: work.id,
      agentKey: "work",
    });

    const { team: emptyTeam, gateway: empty } = await gatewayOfNewTeam();
    await createAgent(db, { teamId: emptyTeam.id, gatewayId: empty.id, agentKey: "ops" });
    expect(
      await findIngestAgent(db, { teamId: emptyTeam.id, gatewayId: empty.id, agentKey: undefined }),
    ).toBeNull();
  });

  it("marks the gateway seen without touching its version", async () => {
    const { gateway } = await gatewayOfNewTeam();
    const at = new Date("2026-11-24T10:00:00Z");
    await markGatewaySeen(db, { gatewayId: gateway.id, at });
    const row = await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } });
    expect([row.lastSeenAt, row.version]).toEqual([at, 1]);
  });
});
