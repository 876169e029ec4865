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
import {
  type AgentChanges,
  findAgentById,
  listAgentFacets,
  listAgents,
  updateAgent,
} from "@clawfleet/db/agent.repository";
import { describeAgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import { fleetVerdictOf } from "@clawfleet/core/fleet/fleet-status";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { loadGatewayState } from "@clawfleet/db/openclaw-state.repository";
import { inTransaction } from "@clawfleet/db/client";
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

/** The audited fields of an agent: what the trail shows before and after an edit. */
function auditView(agent: AgentDetail) {
  return {
    name: agent.name,
    tags: agent.tags,
    model: agent.model,
    models: agent.models,
    params: agent.params,
    version: agent.version,
  };
}

/** One versioned agent edit and its audit event, in one transaction. */
function editAgent(
  ctx: Context & TeamContext,
  input: { agentId: string; expectedVersion: number },
  action: AuditAction,
  changesFor: (current: AgentDetail) => AgentChanges,
) {
  return inTransaction(ctx.db, async (tx) => {
    const { before, after } = await updateAgent(tx, {
      teamId: ctx.team.id,
      agentId: input.agentId,
      expectedVersion: input.expectedVersion,
      changes: changesFor,
    });
    await recordAuditEvent(tx, {
      teamId: ctx.team.id,
      actor: { id: ctx.user.id, label: ctx.user.email },
      action,
      target: { type: "agent", id: after.id },
      before: auditView(before),
      after: auditView(after),
      requestId: ctx.requestId,
    });
    return after;
  });
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
    .mutation(({ ctx, input }) => editAgent(ctx, input, "agent.update", () => input.edit)),

  /** Primary and fallbacks (or inherit the gateway's), OpenClaw's strict-primary rules (facts §3.2). */
  updateModel: operatorProcedure
    .input(versionedAgentInput.extend({ choice: agentModelChoiceSchema }))
    .mutation(({ ctx, input }) =>
      editAgent(ctx, input, "agent.update_model", () => ({ model: agentModelConfigOf(input.choice) })),
    ),

  /** Replaces one agent-owned params layer: every model's, or one model's (facts §3.3). */
  updateParams: operatorProcedure
    .input(versionedAgentInput.extend({ edit: agentParamsEditSchema }))
    .mutation(({ ctx, input }) =>
      editAgent(ctx, input, "agent.update_params", (current) => {
        const { layer, params } = input.edit;
        if (layer.kind === "agent") return { params };
        const entry = (current.models[layer.modelRef] ?? {}) as Record<string, unknown>;
        const { params: _previous, ...rest } = entry;
        const nextEntry = Object.keys(params).length > 0 ? { ...rest, params } : rest;
        const models = { ...current.models };
        if (Object.keys(nextEntry).length > 0) models[layer.modelRef] = nextEntry;
        else delete models[layer.modelRef];
        return { models };
      }),
    ),
} satisfies TRPCRouterRecord;
