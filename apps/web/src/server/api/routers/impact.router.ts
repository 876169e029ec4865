import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { storedOrderEditSchema } from "@clawfleet/core/auth-order/stored-order-edit";
import { agentModelChoiceSchema, agentParamsEditSchema } from "@clawfleet/core/fleet/agent-model-edit.schema";
import { gatewayDefaultsEditSchema } from "@clawfleet/core/fleet/gateway-defaults-edit.schema";
import { previewChangeImpact } from "@clawfleet/services/statuses/change-impact";
import { operatorProcedure } from "../trpc";

const agentIdInput = z.object({ agentId: z.uuid("Agent ids are UUIDs.") });

/**
 * The impact preview of a change before it is saved: the agents whose computed `models status` or `--check`
 * verdict would change, and how. Each takes the same input as the save it previews, without the version; callers
 * are those who may save it (operators and admins). Reads only.
 */
export const impactRouter = {
  agentModel: operatorProcedure
    .input(agentIdInput.extend({ choice: agentModelChoiceSchema }))
    .query(({ ctx, input }) => previewChangeImpact(ctx.deps, ctx.caller, { kind: "agent-model", ...input })),

  agentParams: operatorProcedure
    .input(agentIdInput.extend({ edit: agentParamsEditSchema }))
    .query(({ ctx, input }) => previewChangeImpact(ctx.deps, ctx.caller, { kind: "agent-params", ...input })),

  agentAuthOrder: operatorProcedure
    .input(agentIdInput.extend(storedOrderEditSchema.shape))
    .query(({ ctx, input }) =>
      previewChangeImpact(ctx.deps, ctx.caller, { kind: "agent-auth-order", ...input }),
    ),

  gatewayDefaults: operatorProcedure
    .input(z.object({ gatewayId: z.uuid("Gateway ids are UUIDs."), edit: gatewayDefaultsEditSchema }))
    .query(({ ctx, input }) =>
      previewChangeImpact(ctx.deps, ctx.caller, { kind: "gateway-defaults", ...input }),
    ),

  profileRemoval: operatorProcedure
    .input(z.object({ authProfileId: z.uuid("Auth profile ids are UUIDs.") }))
    .query(({ ctx, input }) =>
      previewChangeImpact(ctx.deps, ctx.caller, { kind: "profile-removal", ...input }),
    ),
} satisfies TRPCRouterRecord;
