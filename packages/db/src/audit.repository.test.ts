import { describe, expect, it } from "vitest";
import { listAuditEvents, recordAuditEvent } from "./audit.repository";
import { createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();

describe("audit trail", () => {
  it("records events with redacted snapshots", async () => {
    const team = await createTeam(db);
    await recordAuditEvent(db, {
      teamId: team.id,
      actor: { id: null, label: "system" },
      action: "agent.update",
      target: { type: "agent", id: "a1" },
      before: { name: "old", note: "sk-ant-api03-CANARYaudit0123456789abcdef" },
      after: { name: "new" },
      requestId: "req-1",
    });
    const [event] = await listAuditEvents(db, { teamId: team.id, limit: 10 });
    expect(event).toMatchObject({ action: "agent.update", after: { name: "new" }, requestId: "req-1" });
    expect(JSON.stringify(event)).not.toContain("CANARY");
  });

  it.each([
    { statement: `UPDATE "AuditEvent" SET action = 'tampered'`, operation: "UPDATE" },
    { statement: `DELETE FROM "AuditEvent"`, operation: "DELETE" },
    { statement: `TRUNCATE "AuditEvent"`, operation: "TRUNCATE" },
  ])("the app's database role cannot $operation audit rows", async ({ statement, operation }) => {
    const team = await createTeam(db);
    await recordAuditEvent(db, {
      teamId: team.id,
      actor: { id: null, label: "system" },
      action: "agent.update",
      target: { type: "agent", id: "a1" },
      requestId: "req-2",
    });
    await expect(db.$executeRawUnsafe(statement)).rejects.toThrow(
      new RegExp(`append-only: ${operation} is not allowed`),
    );
    expect(await listAuditEvents(db, { teamId: team.id, limit: 10 })).toHaveLength(1);
  });

  it("cannot be changed through Prisma either", async () => {
    const team = await createTeam(db);
    await recordAuditEvent(db, {
      teamId: team.id,
      actor: { id: null, label: "system" },
      action: "agent.update",
      target: { type: "agent", id: "a1" },
      requestId: "req-3",
    });
    await expect(
      db.auditEvent.updateMany({ where: { teamId: team.id }, data: { action: "x" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({ where: { teamId: team.id } })).rejects.toThrow(/append-only/);
  });
});
