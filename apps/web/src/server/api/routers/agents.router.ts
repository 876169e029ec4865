import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { AuditAction } from "@clawfleet/core/audit/audit-event";
import { agentEditSchema } from "@clawfleet/core/fleet/agent-edit.schema";
import {
  agentModelChoiceSchema,
  agentModelConfigOf,
  agentParamsEditSchema,
} from "@clawfleet/core/fleet/agent-model-edit.schema";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { AUTH_PROFILE_TYPES } from "@clawfleet/core/fleet/auth-profile";
import { replaceParamsLayer } from "@clawfleet/core/fleet/bulk-edit";
import {
  type AgentChanges,
  findAgentById,
  listAgentFacets,
  listAgents,
} from "@clawfleet/db/agent.repository";
import { describeAgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import { fleetVerdictOf } from "@clawfleet/core/fleet/fleet-status";
import { loadGatewayState } from "@clawfleet/db/openclaw-state.repository";
import { editAgent } from "../../bulk-edit/edit-agent";
import { computeTeamAgentStatuses } from "../../fleet/fleet-statuses";
import type { Context, TeamContext } from "../context";
import { operatorProcedure, viewerProcedure } from "../trpc";

const agentIdInput = z.object({ agentId: z.uuid("Agent ids are UUIDs.") });
const versionedAgentInput = agentIdInput.extend({ expectedVersion: z.number().int().positive() });

export const agentListInput = z.object({
  search: z.string().trim().max(200).optional(),
  gatewayId: z.uuid().optional(),
  tag: z.string().trim().max(40).optional(),
  provider: z.string().trim().max(64).optional(),
  profileType: z.enum(AUTH_PROFILE_TYPES).optional(),
  /** The `--check` verdict of each agent's computed status. */
  status: z.enum(["ok", "expiring", "failing", "refused"]).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/** A versioned agent edit through the editor, always written (and audited) even when nothing differs. */
async function saveAgentEdit(
  ctx: Context & TeamContext,
  input: { agentId: string; expectedVersion: number },
  action: AuditAction,
  changesFor: (current: AgentDetail) => AgentChanges,
) {
  return (await editAgent(ctx, input, action, changesFor)).agent;
}

export const agentsRouter = {
  list: viewerProcedure.input(agentListInput).query(async ({ ctx, input }) => {
    const { status, ...query } = input;
    if (!status) return listAgents(ctx.db, { teamId: ctx.team.id, query });
    const statuses = await computeTeamAgentStatuses(ctx.db, { teamId: ctx.team.id, now: Date.now() });
    const agentIds = statuses
      .filter((agent) => fleetVerdictOf(agent.outcome).verdict === status)
      .map((agent) => agent.agentId);
    return listAgents(ctx.db, { teamId: ctx.team.id, query: { ...query, agentIds } });
  }),

  facets: viewerProcedure.query(({ ctx }) => listAgentFacets(ctx.db, { teamId: ctx.team.id })),

  byId: viewerProcedure.input(agentIdInput).query(async ({ ctx, input }) => {
    const agent = await findAgentById(ctx.db, { teamId: ctx.team.id, agentId: input.agentId });
    if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "Agent not found." });
    return agent;
  }),

  /** The agent's model, fallbacks and every param's effective value with its layer, as OpenClaw resolves them. */
  modelSettings: viewerProcedure.input(agentIdInput).query(async ({ ctx, input }) => {
    const agent = await findAgentById(ctx.db, { teamId: ctx.team.id, agentId: input.agentId });
    if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "Agent not found." });
    const { state } = await loadGatewayState(ctx.db, { teamId: ctx.team.id, gatewayId: agent.gatewayId });
    return describeAgentModelSettings(state, { agentId: agent.agentKey, now: Date.now() });
  }),

  update: operatorProcedure
    .input(versionedAgentInput.extend({ edit: agentEditSchema }))
    .mutation(({ ctx, input }) => saveAgentEdit(ctx, input, "agent.update", () => input.edit)),

  /** Primary and fallbacks (or inherit the gateway's), OpenClaw's strict-primary rules (facts §3.2). */
  updateModel: operatorProcedure
    .input(versionedAgentInput.extend({ choice: agentModelChoiceSchema }))
    .mutation(({ ctx, input }) =>
      saveAgentEdit(ctx, input, "agent.update_model", () => ({ model: agentModelConfigOf(input.choice) })),
    ),

  /** Replaces one agent-owned params layer: every model's, or one model's (facts §3.3). */
  updateParams: operatorProcedure
    .input(versionedAgentInput.extend({ edit: agentParamsEditSchema }))
    .mutation(({ ctx, input }) =>
      saveAgentEdit(ctx, input, "agent.update_params", (current) => replaceParamsLayer(current, input.edit)),
    ),
} satisfies TRPCRouterRecord;
