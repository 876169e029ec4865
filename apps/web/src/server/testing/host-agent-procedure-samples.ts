/**
 * Sample inputs of the `hostAgents.*` procedures for the RBAC matrix and the leak scan (merged into
 * PROCEDURE_SAMPLES). Each sample enrols the host agent, or makes the job, it consumes on team A's gateway, so
 * every allowed call can succeed in any order.
 */
import type { AuthenticatedHostAgent } from "@clawfleet/services/connector/host-agent-credentials";
import { authenticateHostAgent } from "@clawfleet/services/connector/host-agent-credentials";
import { SYSTEM_ACTOR } from "@clawfleet/services/service-context";
import { createEnrolmentToken, redeemEnrolment } from "@clawfleet/services/connector/host-enrolment";
import { queueHostJob } from "@clawfleet/services/connector/host-job-queue";
import { deliverHostJobs, recordHostJobOutcome } from "@clawfleet/services/connector/host-jobs";
import { recordHostReports } from "@clawfleet/services/connector/host-reports";
import { testDeps } from "./caller";
import type { SampleContext } from "./procedure-samples";

const SAMPLE_HOST = { agentVersion: "0.1.0", openclawVersion: "2026.9.6", hostname: "sample-host" };

/** A host agent freshly enrolled on team A's gateway (replacing the one before). */
async function freshHostAgent({ fleet }: SampleContext): Promise<AuthenticatedHostAgent> {
  const deps = testDeps(fleet.db);
  const caller = { teamId: fleet.own.team.id, actor: SYSTEM_ACTOR, requestId: "sample" };
  const { token } = await createEnrolmentToken(deps, caller, { gatewayId: fleet.gatewayId });
  const { credential } = await redeemEnrolment(
    deps,
    { requestId: "sample" },
    { enrolmentToken: token, host: SAMPLE_HOST },
  );
  const agent = await authenticateHostAgent(deps, credential);
  if (!agent) throw new Error("a freshly enrolled sample agent authenticates");
  return agent;
}

/** A queued job on team A's gateway, with the agent that may receive it. */
async function queuedJob(context: SampleContext) {
  const agent = await freshHostAgent(context);
  const job = await queueHostJob(context.fleet.db, {
    teamId: agent.teamId,
    gatewayId: agent.gatewayId,
    payload: { kind: "status.report", agentKeys: [] },
    origin: { type: "gateway", id: agent.gatewayId },
    createdById: null,
    now: new Date(),
  });
  if (!job) throw new Error("the gateway has an active agent");
  return { agent, job };
}

let reportSequence = 0;

/**
 * Team A's gateway as its host reports it after someone ran the CLI there: the console's config with one param
 * changed on every agent, so accepting or pushing it changes nothing the other samples rely on. Returns the
 * report's hash, which a settlement must name.
 */
async function reportedHostDrift(context: SampleContext): Promise<{ gatewayId: string; configHash: string }> {
  const { db, gatewayId } = context.fleet;
  const agent = await freshHostAgent(context);
  const gateway = await db.gateway.findUniqueOrThrow({ where: { id: gatewayId } });
  const agents = await db.agent.findMany({ where: { gatewayId }, orderBy: { position: "asc" } });
  const config = {
    agents: {
      ownership: "explicit",
      defaults: {
        model: gateway.defaultModel,
        imageModel: gateway.imageModel,
        utilityModel: gateway.utilityModel,
        models: gateway.defaultModels,
        params: gateway.defaultParams,
      },
      entries: Object.fromEntries(
        agents.map((row) => [
          row.agentKey,
          { model: row.model, models: row.models, params: { cacheRetention: "long" } },
        ]),
      ),
    },
  };
  const configHash = `sample-hash-${(reportSequence += 1)}`;
  await recordHostReports(
    testDeps(db),
    agent,
    {
      reports: [],
      gatewayState: { takenAt: new Date().toISOString(), configHash, config, agents: null, authStatus: null },
    },
    { requestId: "sample" },
  );
  return { gatewayId, configHash };
}

export const HOST_AGENT_PROCEDURE_SAMPLES: Record<string, (context: SampleContext) => unknown> = {
  "hostAgents.forGateway": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "hostAgents.createEnrolment": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "hostAgents.rotate": async (context) => ({
    hostAgentId: (await freshHostAgent(context)).hostAgentId,
    expectedVersion: 1,
  }),
  "hostAgents.revoke": async (context) => ({
    hostAgentId: (await freshHostAgent(context)).hostAgentId,
    expectedVersion: 1,
  }),
  "hostAgents.jobs": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "hostAgents.retryJob": async (context) => {
    // Only the job at the head of the line is delivered: earlier samples' jobs are cancelled or finished first.
    const { agent, job } = await queuedJob(context);
    const deps = testDeps(context.fleet.db);
    for (;;) {
      const [delivered] = (await deliverHostJobs(deps, agent, { resumed: false }))?.jobs ?? [];
      if (!delivered) throw new Error("the sample job is delivered");
      await recordHostJobOutcome(deps, agent, delivered.jobId, {
        attempt: delivered.attempt,
        outcome: { status: "failed", error: { code: "INVALID_REQUEST", message: "sample failure" } },
      });
      if (delivered.jobId === job.id) return { jobId: job.id };
    }
  },
  "hostAgents.cancelJob": async (context) => ({ jobId: (await queuedJob(context)).job.id }),
  "hostAgents.drift": ({ fleet }) => ({ gatewayId: fleet.gatewayId }),
  "hostAgents.acceptHostVersion": reportedHostDrift,
  "hostAgents.pushConsoleVersion": reportedHostDrift,
};
