import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { validateApiKey, validateSetupToken } from "@clawfleet/core/secrets/validate-secret";
import { addStaticProfile, readProfileReach } from "@clawfleet/services/auth-profiles/add-static-profile";
import { relocateAuthProfile } from "@clawfleet/services/auth-profiles/relocate-profile";
import {
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

/** OpenClaw's setup-token rules and messages (core `validateSetupToken`); the value is never echoed. */
const setupTokenValue = z.string().transform((raw, context) => {
  const checked = validateSetupToken(raw);
  if (!checked.ok) {
    context.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }
  return checked;
});

/**
 * Where a pasted credential goes: the gateway's shared store, or with `agentId` that agent's own store (which sits
 * over the shared one for that agent only, facts §3.1).
 */
const newProfileTarget = z.object({
  gatewayId: z.uuid("Choose a gateway."),
  agentId: z.uuid("Choose an agent.").optional(),
  profileId: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9._-]*:[^\s:]+$/,
      "A profile id is provider:name, for example anthropic:team (lower-case provider, no spaces).",
    ),
});

const storeOf = ({ gatewayId, agentId }: { gatewayId: string; agentId?: string }) =>
  agentId ? { kind: "agent" as const, agentId, gatewayId } : { kind: "shared" as const, gatewayId };

export const authProfilesRouter = {
  forAgent: viewerProcedure
    .input(z.object({ agentId: z.uuid() }))
    .query(({ ctx, input }) => listAgentProfiles(ctx.deps, ctx.caller, input)),

  /** Admin-only: add an API-key profile to a gateway's shared store or an agent's own store. */
  createApiKey: adminProcedure
    .input(newProfileTarget.extend({ key: apiKeyValue }))
    .mutation(async ({ ctx, input }) => {
      const profile = await addStaticProfile(ctx.deps, ctx.caller, {
        store: storeOf(input),
        profileId: input.profileId,
        credential: { type: "api_key", key: input.key.value },
      });
      return { ...profile, warnings: input.key.warnings };
    }),

  /** Admin-only: add a setup-token (`type: token`) profile, as `openclaw models auth paste-token` would. */
  createSetupToken: adminProcedure
    .input(newProfileTarget.extend({ token: setupTokenValue }))
    .mutation(async ({ ctx, input }) => {
      const profile = await addStaticProfile(ctx.deps, ctx.caller, {
        store: storeOf(input),
        profileId: input.profileId,
        credential: { type: "token", token: input.token.value },
      });
      return { ...profile, warnings: input.token.warnings };
    }),

  /** The agents a profile reaches (a count and the first few names): what removing or clearing it affects. */
  reach: viewerProcedure
    .input(z.object({ authProfileId: z.uuid() }))
    .query(({ ctx, input }) => readProfileReach(ctx.deps, ctx.caller, input)),

  /** Operator: lift a cooldown, disable or block window now, as `openclaw` would after a manual clear. */
  clearCooldown: operatorProcedure
    .input(z.object({ authProfileId: z.uuid(), expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) => clearProfileCooldown(ctx.deps, ctx.caller, input)),

  /**
   * Admin-only: rename a profile and/or move it between its gateway's shared store and an agent's own store
   * (`agentId`, or null for the shared one). API keys and setup-tokens only; OAuth sign-ins are made again.
   */
  relocate: adminProcedure
    .input(
      z.object({
        authProfileId: z.uuid(),
        expectedVersion: z.number().int().positive(),
        profileId: newProfileTarget.shape.profileId,
        agentId: z.uuid("Choose an agent.").nullable(),
      }),
    )
    .mutation(({ ctx, input }) => relocateAuthProfile(ctx.deps, ctx.caller, input)),

  /** Admin-only, as every credential change: removes the profile and its secrets, here and on the host. */
  remove: adminProcedure
    .input(z.object({ authProfileId: z.uuid(), expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) => removeAuthProfile(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
