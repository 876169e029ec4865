import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { validateApiKey } from "@clawfleet/core/secrets/validate-secret";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import {
  clearProfileCooldown,
  createAuthProfile,
  findOrCreateSharedStore,
  listProfilesVisibleToAgent,
} from "@clawfleet/db/auth-profile.repository";
import { inTransaction } from "@clawfleet/db/client";
import { adminProcedure, operatorProcedure, viewerProcedure } from "../trpc";

/** The same checks and messages as everywhere a key is pasted (core `validateApiKey`): masked values,
 * placeholders, env references and stray whitespace are refused; the value is never echoed. */
const apiKeyValue = z.string().transform((raw, context) => {
  const checked = validateApiKey(raw);
  if (!checked.ok) {
    context.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }
  return checked;
});

/** Admin-only: add an API-key profile to a gateway's shared store. */
const createApiKeyProfileInput = z.object({
  gatewayId: z.uuid(),
  profileId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]*:[^\s:]+$/, "Profile ids look like provider:name."),
  key: apiKeyValue,
});

export const authProfilesRouter = {
  forAgent: viewerProcedure
    .input(z.object({ agentId: z.uuid() }))
    .query(({ ctx, input }) =>
      listProfilesVisibleToAgent(ctx.db, { teamId: ctx.team.id, agentId: input.agentId }),
    ),

  createApiKey: adminProcedure.input(createApiKeyProfileInput).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const gateway = await tx.gateway.findFirst({
        where: { id: input.gatewayId, teamId: ctx.team.id },
        select: { id: true },
      });
      if (!gateway) throw new TRPCError({ code: "NOT_FOUND", message: "Gateway not found." });
      const store = await findOrCreateSharedStore(tx, { teamId: ctx.team.id, gatewayId: gateway.id });
      const existing = await tx.authProfile.findFirst({
        where: { storeId: store.id, profileId: input.profileId },
        select: { id: true },
      });
      if (existing)
        throw new TRPCError({
          code: "CONFLICT",
          message: `Profile ${input.profileId} already exists in this store.`,
        });
      const profile = await createAuthProfile(tx, ctx.secretBox, {
        teamId: ctx.team.id,
        storeId: store.id,
        profileId: input.profileId,
        provider: input.profileId.split(":")[0] ?? "",
        type: "api_key",
        secrets: { key: input.key.value },
      });
      await recordAuditEvent(tx, {
        teamId: ctx.team.id,
        actor: { id: ctx.user.id, label: ctx.user.email },
        action: "auth_profile.create",
        target: { type: "auth_profile", id: profile.id },
        after: { profileId: profile.profileId, type: profile.type, secrets: profile.secrets },
        requestId: ctx.requestId,
      });
      return { ...profile, warnings: input.key.warnings };
    }),
  ),

  /** Operator: lift a cooldown, disable or block window now, as `openclaw` would after a manual clear. */
  clearCooldown: operatorProcedure
    .input(z.object({ authProfileId: z.uuid(), expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.db, async (tx) => {
        const { before, after } = await clearProfileCooldown(tx, { teamId: ctx.team.id, ...input });
        const windows = (profile: typeof before) => ({
          profileId: profile.profileId,
          cooldownUntil: profile.cooldownUntil,
          cooldownReason: profile.cooldownReason,
          disabledUntil: profile.disabledUntil,
          disabledReason: profile.disabledReason,
          errorCount: profile.errorCount,
          version: profile.version,
        });
        await recordAuditEvent(tx, {
          teamId: ctx.team.id,
          actor: { id: ctx.user.id, label: ctx.user.email },
          action: "auth_profile.clear_cooldown",
          target: { type: "auth_profile", id: after.id },
          before: windows(before),
          after: windows(after),
          requestId: ctx.requestId,
        });
        return after;
      }),
    ),
} satisfies TRPCRouterRecord;
