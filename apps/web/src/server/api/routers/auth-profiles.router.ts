import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { validateApiKey } from "@clawfleet/core/secrets/validate-secret";
import {
  addApiKeyProfile,
  clearProfileCooldown,
  listAgentProfiles,
  removeAuthProfile,
} from "@clawfleet/services/auth-profiles/auth-profile-edits";
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
    .query(({ ctx, input }) => listAgentProfiles(ctx.deps, ctx.caller, input)),

  createApiKey: adminProcedure.input(createApiKeyProfileInput).mutation(async ({ ctx, input }) => {
    const profile = await addApiKeyProfile(ctx.deps, ctx.caller, { ...input, key: input.key.value });
    return { ...profile, warnings: input.key.warnings };
  }),

  /** Operator: lift a cooldown, disable or block window now, as `openclaw` would after a manual clear. */
  clearCooldown: operatorProcedure
    .input(z.object({ authProfileId: z.uuid(), expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) => clearProfileCooldown(ctx.deps, ctx.caller, input)),

  /** Admin-only, as every credential change: removes the profile and its secrets, here and on the host. */
  remove: adminProcedure
    .input(z.object({ authProfileId: z.uuid(), expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) => removeAuthProfile(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
