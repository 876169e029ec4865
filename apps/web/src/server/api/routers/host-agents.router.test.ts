import { describe, expect, it } from "vitest";
import { createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { authenticateHostAgent } from "@clawfleet/services/connector/host-agent-credentials";
import { redeemEnrolment } from "@clawfleet/services/connector/host-enrolment";
import { recordHostReports } from "@clawfleet/services/connector/host-reports";
import { teamWithMembers, testDeps } from "../../testing/caller";

const db = useTestDb();

/** A gateway whose host reported `main` with `cacheRetention: long`, which the console's `main` does not have. */
async function driftingGateway() {
  const members = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: members.team.id });
  const main = await createAgent(db, { teamId: members.team.id, gatewayId: gateway.id, agentKey: "main" });
  const { token } = await members.as("admin").hostAgents.createEnrolment({ gatewayId: gateway.id });
  const deps = testDeps(db);
  const { credential } = await redeemEnrolment(
    deps,
    { requestId: "enrol" },
    { enrolmentToken: token, host: { agentVersion: "0.1.0", openclawVersion: "2026.9.6", hostname: "gw" } },
  );
  const hostAgent = await authenticateHostAgent(deps, credential);
  if (!hostAgent) throw new Error("a freshly enrolled agent authenticates");
  const config = {
    agents: {
      defaults: { model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] } },
      entries: { main: { params: { cacheRetention: "long" } } },
    },
  };
  await recordHostReports(
    deps,
    hostAgent,
    {
      reports: [],
      gatewayState: {
        takenAt: new Date().toISOString(),
        configHash: "h1",
        config,
        agents: null,
        authStatus: null,
      },
    },
    { requestId: "report" },
  );
  return { ...members, gateway, main };
}

describe("host agents router: drift with the host", () => {
  it("shows viewers the drift, lets only operators settle it, and refuses a report they did not see", async () => {
    const { as, gateway, main } = await driftingGateway();
    expect(await as("viewer").hostAgents.drift({ gatewayId: gateway.id })).toMatchObject({
      configHash: "h1",
      items: [
        {
          scope: "agent",
          agentKey: "main",
          field: "params",
          console: null,
          host: { cacheRetention: "long" },
        },
      ],
    });
    const seen = { gatewayId: gateway.id, configHash: "h1" };
    await expect(as("viewer").hostAgents.acceptHostVersion(seen)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(as("viewer").hostAgents.pushConsoleVersion(seen)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      as("operator").hostAgents.acceptHostVersion({ gatewayId: gateway.id, configHash: "h0" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await as("operator").hostAgents.acceptHostVersion(seen)).toMatchObject({
      updatedAgentKeys: ["main"],
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: main.id } })).params).toEqual({
      cacheRetention: "long",
    });
    expect(await as("viewer").hostAgents.drift({ gatewayId: gateway.id })).toMatchObject({ items: [] });
  });

  it("answers NOT_FOUND for another team's gateway", async () => {
    const { gateway } = await driftingGateway();
    const theirs = await teamWithMembers(db);
    const seen = { gatewayId: gateway.id, configHash: "h1" };
    await expect(theirs.as("admin").hostAgents.drift({ gatewayId: gateway.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(theirs.as("admin").hostAgents.pushConsoleVersion(seen)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
