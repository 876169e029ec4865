import { describe, expect, it } from "vitest";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "../../testing/caller";

const db = useTestDb();

async function trail() {
  const team = await teamWithMembers(db);
  const record = (action: "gateway.update" | "membership.remove", actor: string, targetId: string) =>
    db.auditEvent.create({
      data: {
        teamId: team.team.id,
        actorId: null,
        actorLabel: actor,
        action,
        targetType: action.split(".")[0] ?? "",
        targetId,
        before: { name: "old" },
        after: { name: "new" },
        requestId: `req-${targetId}`,
      },
    });
  for (let index = 0; index < 5; index++) await record("gateway.update", "alice@example.test", `g-${index}`);
  await record("membership.remove", "bob@example.test", "m-1");
  return team;
}

describe("audit router", () => {
  it.each(["viewer", "operator"] as const)("is admin-only: a %s is refused", async (role) => {
    const { as } = await trail();
    await expect(as(role).audit.page({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(role).audit.facets()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pages newest first by id and never shows another team's events", async () => {
    const { as } = await trail();
    await trail();
    const first = await as("admin").audit.page({ limit: 4 });
    expect(first.items.map((event) => event.targetId)).toEqual(["m-1", "g-4", "g-3", "g-2"]);
    expect(first.nextCursor).toBe(first.items[3]?.id);
    const second = await as("admin").audit.page({ limit: 4, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((event) => event.targetId)).toEqual(["g-1", "g-0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by actor (part of the email), action, target and time range", async () => {
    const { as } = await trail();
    const ids = async (filter: Parameters<ReturnType<typeof as>["audit"]["page"]>[0]["filter"]) =>
      (await as("admin").audit.page({ filter })).items.map((event) => event.targetId);
    expect(await ids({ actor: "BOB" })).toEqual(["m-1"]);
    expect(await ids({ action: "gateway.update", targetId: "g-2" })).toEqual(["g-2"]);
    expect(await ids({ targetType: "membership" })).toEqual(["m-1"]);
    expect(await ids({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ to: new Date(Date.now() - 3_600_000) })).toEqual([]);
    expect(
      (await ids({ from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) })).length,
    ).toBe(6);
    await expect(
      as("admin").audit.page({ filter: { from: new Date("2026-02-02"), to: new Date("2026-02-01") } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [expect.objectContaining({ path: ["filter", "to"] })] },
    });
  });

  it("lists the actions and target types present, for the pickers", async () => {
    const { as } = await trail();
    expect(await as("admin").audit.facets()).toEqual({
      actions: ["gateway.update", "membership.remove"],
      targetTypes: ["gateway", "membership"],
    });
  });
});
