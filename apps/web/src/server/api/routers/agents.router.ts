import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { agentCreateSchema, agentEditSchema } from "@clawfleet/core/fleet/agent-edit.schema";
import { agentModelChoiceSchema, agentParamsEditSchema } from "@clawfleet/core/fleet/agent-model-edit.schema";
import { storedOrderEditSchema } from "@clawfleet/core/auth-order/stored-order-edit";
import { AUTH_PROFILE_TYPES } from "@clawfleet/core/fleet/auth-profile";
import { AGENT_LIST_SORT_KEYS } from "@clawfleet/core/fleet/agent-list";
import {
  listAgentPage,
  readAgent,
  readAgentFacets,
  readAgentModelSettings,
} from "@clawfleet/services/agents/agent-queries";
import { setAgentAuthOrder } from "@clawfleet/services/agents/agent-auth-order";
import {
  createAgent,
  deleteAgent,
  readAgentDeletionImpact,
} from "@clawfleet/services/agents/agent-lifecycle";
import { duplicateAgent } from "@clawfleet/services/agents/agent-duplicate";
import {
  updateAgentIdentity,
  updateAgentModel,
  updateAgentParams,
} from "@clawfleet/services/agents/edit-agent";
import { adminProcedure, operatorProcedure, viewerProcedure } from "../trpc";

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
  /** The order of the whole list, applied in the query before paging. */
  sort: z.object({ key: z.enum(AGENT_LIST_SORT_KEYS), direction: z.enum(["asc", "desc"]) }).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const agentsRouter = {
  list: viewerProcedure
    .input(agentListInput)
    .query(({ ctx, input }) => listAgentPage(ctx.deps, ctx.caller, input)),

  facets: viewerProcedure.query(({ ctx }) => readAgentFacets(ctx.deps, ctx.caller)),

  byId: viewerProcedure.input(agentIdInput).query(({ ctx, input }) => readAgent(ctx.deps, ctx.caller, input)),

  /** The agent's model, fallbacks and every param's effective value with its layer, as OpenClaw resolves them. */
  modelSettings: viewerProcedure
    .input(agentIdInput)
    .query(({ ctx, input }) => readAgentModelSettings(ctx.deps, ctx.caller, input)),

  /** Adding and removing agents reshapes a gateway (its default agent, its workspaces): an admin's call. */
  create: adminProcedure
    .input(agentCreateSchema.extend({ gatewayId: z.uuid("Gateway ids are UUIDs.") }))
    .mutation(({ ctx, input }) => createAgent(ctx.deps, ctx.caller, input)),

  /** What a delete would remove with the agent, for its confirmation (counts, no secrets). */
  deletionImpact: viewerProcedure
    .input(agentIdInput)
    .query(({ ctx, input }) => readAgentDeletionImpact(ctx.deps, ctx.caller, input)),

  delete: adminProcedure
    .input(versionedAgentInput)
    .mutation(({ ctx, input }) => deleteAgent(ctx.deps, ctx.caller, input)),

  /** A new agent on the same gateway with this one's model, params and the orders that still hold; no secrets. */
  duplicate: adminProcedure
    .input(
      versionedAgentInput.extend({
        agentKey: agentCreateSchema.shape.agentKey,
        name: agentCreateSchema.shape.name,
      }),
    )
    .mutation(({ ctx, input }) => duplicateAgent(ctx.deps, ctx.caller, input)),

  update: operatorProcedure
    .input(versionedAgentInput.extend({ edit: agentEditSchema }))
    .mutation(({ ctx, input }) => updateAgentIdentity(ctx.deps, ctx.caller, input)),

  /** Primary and fallbacks (or inherit the gateway's), OpenClaw's strict-primary rules (facts §3.2). */
  updateModel: operatorProcedure
    .input(versionedAgentInput.extend({ choice: agentModelChoiceSchema }))
    .mutation(({ ctx, input }) => updateAgentModel(ctx.deps, ctx.caller, input)),

  /** The order the agent tries one provider's profiles in (all of them, each once), or null to clear it. */
  setAuthOrder: operatorProcedure
    .input(versionedAgentInput.extend(storedOrderEditSchema.shape))
    .mutation(({ ctx, input }) => setAgentAuthOrder(ctx.deps, ctx.caller, input)),

  /** Replaces one agent-owned params layer: every model's, or one model's (facts §3.3). */
  updateParams: operatorProcedure
    .input(versionedAgentInput.extend({ edit: agentParamsEditSchema }))
    .mutation(({ ctx, input }) => updateAgentParams(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
