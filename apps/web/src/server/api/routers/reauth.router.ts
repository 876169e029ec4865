import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { UNUSABLE_REAUTH_LINK_MESSAGES } from "@clawfleet/core/reauth/reauth-request";
import {
  reauthLinkTokenSchema,
  reauthTargetSchema,
  requestReauthSchema,
  submitReauthCredentialSchema,
  webhookUrlSchema,
} from "@clawfleet/core/reauth/reauth.schema";
import {
  describeReauthLink,
  listPendingReauthForAgent,
  listReauthNearDeadline,
  listTeamReauthRequests,
  previewReauthTarget,
  readReauthRequest,
} from "@clawfleet/services/reauth/reauth-requests";
import {
  cancelReauth,
  confirmHostSignIn,
  reissueReauthLink,
  requestReauth,
  revokeReauthLink,
  submitReauthCredential,
} from "@clawfleet/services/reauth/reauth-workflow";
import { readWebhookSettings, removeWebhook, saveWebhook } from "@clawfleet/services/webhooks/team-webhook";
import { webhookAllowedNetworks } from "../../env";
import { adminProcedure, operatorProcedure, signedInProcedure, viewerProcedure } from "../trpc";

const requestAction = z.object({
  requestId: z.uuid("Re-auth request ids are UUIDs."),
  expectedVersion: z.number().int().positive(),
});

export const reauthRouter = {
  /**
   * Starts a re-auth (operators and admins). `target` is `{ authProfileIds }` (one profile, or a bulk
   * selection sharing a provider) or `{ fingerprint }` (every profile holding that credential); every
   * agent reaching those profiles is covered. Returns the one-time hand-off link, shown only here.
   */
  request: operatorProcedure
    .input(requestReauthSchema)
    .mutation(({ ctx, input }) => requestReauth(ctx.deps, ctx.caller, input)),

  /** What a request for `target` would cover, before it is made; with the method each profile suggests. */
  preview: viewerProcedure
    .input(z.object({ target: reauthTargetSchema }))
    .query(({ ctx, input }) => previewReauthTarget(ctx.deps, ctx.caller, input)),

  /** Every request, newest first (`open`: only those still needing work). */
  list: viewerProcedure
    .input(z.object({ scope: z.enum(["open", "all"]).default("all") }).default({ scope: "all" }))
    .query(({ ctx, input }) => listTeamReauthRequests(ctx.deps, ctx.caller, input)),

  byId: viewerProcedure
    .input(z.object({ requestId: z.uuid() }))
    .query(({ ctx, input }) => readReauthRequest(ctx.deps, ctx.caller, input)),

  /** Open requests covering one agent: the agent page's "re-auth pending" badge. */
  pendingForAgent: viewerProcedure
    .input(z.object({ agentId: z.uuid() }))
    .query(({ ctx, input }) => listPendingReauthForAgent(ctx.deps, ctx.caller, input)),

  /** Open requests whose deadline is within the warning window: reminders on the fleet page. */
  nearDeadline: viewerProcedure.query(({ ctx }) => listReauthNearDeadline(ctx.deps, ctx.caller)),

  cancel: operatorProcedure.input(requestAction).mutation(async ({ ctx, input }) => {
    await cancelReauth(ctx.deps, ctx.caller, input);
    return { requestId: input.requestId };
  }),

  /** A new link replaces the old one, which stops working at once. The token is shown only here. */
  issueLink: operatorProcedure
    .input(requestAction)
    .mutation(({ ctx, input }) => reissueReauthLink(ctx.deps, ctx.caller, input)),

  revokeLink: operatorProcedure.input(requestAction).mutation(async ({ ctx, input }) => {
    await revokeReauthLink(ctx.deps, ctx.caller, input);
    return { requestId: input.requestId };
  }),

  /** The hand-off page: any signed-in member of the request's team holding the link. */
  openLink: signedInProcedure.input(z.object({ token: z.string().max(200) })).query(({ ctx, input }) => {
    const parsed = reauthLinkTokenSchema.safeParse(input.token);
    if (!parsed.success)
      return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
    return describeReauthLink(ctx.deps, ctx.signedIn, { token: parsed.data });
  }),

  /** The assignee's paste: validated with OpenClaw's rules, applied in one transaction, idempotent. */
  submitCredential: signedInProcedure
    .input(submitReauthCredentialSchema)
    .mutation(({ ctx, input }) => submitReauthCredential(ctx.deps, ctx.signedIn, input)),

  /** OAuth: the assignee ran the login command on the host; the host's next report completes it. */
  confirmHostSignIn: signedInProcedure
    .input(z.object({ token: reauthLinkTokenSchema, submissionKey: z.uuid() }))
    .mutation(({ ctx, input }) => confirmHostSignIn(ctx.deps, ctx.signedIn, input)),

  /** The team webhook (admins): its URL, the signing secret's last 4, and the recent deliveries. */
  webhook: adminProcedure.query(({ ctx }) => readWebhookSettings(ctx.deps, ctx.caller)),

  /** Sets the URL; a new webhook or `rotateSecret` returns a fresh signing secret, shown only here. */
  saveWebhook: adminProcedure
    .input(
      z.object({
        url: webhookUrlSchema,
        expectedVersion: z.number().int().positive().nullable(),
        rotateSecret: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) =>
      saveWebhook(ctx.deps, ctx.caller, { ...input, allowedNetworks: webhookAllowedNetworks() }),
    ),

  removeWebhook: adminProcedure
    .input(z.object({ expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) => removeWebhook(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
