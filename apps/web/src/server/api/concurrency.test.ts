/**
 * Optimistic concurrency under contention (security checklist B9.1): twenty editors save the same agent from
 * the same version at once. Exactly one wins, nineteen get CONFLICT, and the stored agent is the winner's.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "../testing/caller";

const db = useTestDb();
const EDITORS = 20;

describe("20 parallel stale edits", () => {
  it("give exactly 1 success and 19 CONFLICT, with no lost update and one audit row", async () => {
    const { team, as } = await teamWithMembers(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id });

    const results = await Promise.allSettled(
      Array.from({ length: EDITORS }, (_, index) =>
        as(index % 2 ? "operator" : "admin").agents.update({
          agentId: agent.id,
          expectedVersion: 1,
          edit: { name: `Editor ${index}`, tags: [`editor-${index}`] },
        }),
      ),
    );

    const winners = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const refusals = results.flatMap((result) =>
      result.status === "rejected" ? [result.reason as unknown] : [],
    );
    expect(winners).toHaveLength(1);
    expect(refusals).toHaveLength(EDITORS - 1);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(TRPCError);
      expect(refusal).toMatchObject({ code: "CONFLICT" });
    }
    const [winner] = winners;
    const stored = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect({ name: stored.name, tags: stored.tags, version: stored.version }).toEqual({
      name: winner?.name,
      tags: winner?.tags,
      version: 2,
    });
    const audits = await db.auditEvent.findMany({ where: { teamId: team.id, action: "agent.update" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ name: winner?.name, version: 2 });
    console.info(
      `Concurrency: ${EDITORS} editors → ${winners.length} success, ${refusals.length} CONFLICT, 0 lost updates`,
    );
  });
});
