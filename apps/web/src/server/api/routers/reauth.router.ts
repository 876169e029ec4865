import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "@clawfleet/core/domain-error";
import {
  OPEN_REAUTH_STATES,
  REAUTH_DEADLINE_WARNING_MS,
  REAUTH_METHOD_LABELS,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  defaultReauthMethod,
  reauthInstructions,
  reauthLinkRefusal,
  reauthMethodRefusal,
} from "@clawfleet/core/reauth/reauth-request";
import {
  reauthLinkTokenSchema,
  reauthTargetSchema,
  requestReauthSchema,
  submitReauthCredentialSchema,
  webhookUrlSchema,
} from "@clawfleet/core/reauth/reauth.schema";
import { REAUTH_WEBHOOK_EVENTS } from "@clawfleet/core/reauth/reauth-webhook-event";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { hashOneTimeToken } from "@clawfleet/db/one-time-token";
import { listRecentOutboxJobs } from "@clawfleet/db/outbox.repository";
import { findTeamWebhook, removeTeamWebhook, saveTeamWebhook } from "@clawfleet/db/reauth-webhook.repository";
import {
  findOpenReauthCovering,
  findReauthRequest,
  findReauthRequestByLinkHash,
  isTeamMember,
  listReauthRequests,
  resolveReauthTarget,
} from "@clawfleet/db/reauth.repository";
import { scheduleOutboxDrain } from "../../reauth/outbox-drain";
import {
  cancelReauth,
  confirmHostSignIn,
  expireLapsedReauthRequests,
  reissueReauthLink,
  requestReauth,
  revokeReauthLink,
  submitReauthCredential,
} from "../../reauth/reauth-workflow";
import type { Context, TeamContext } from "../context";
import { adminProcedure, operatorProcedure, signedInProcedure, viewerProcedure } from "../trpc";

const requestAction = z.object({
  requestId: z.uuid("Re-auth request ids are UUIDs."),
  expectedVersion: z.number().int().positive(),
});

type TeamCall = { ctx: Context & TeamContext };

/** Expiry is computed on read: lapsed requests of the team become `expired` before anything is shown. */
async function sweep({ ctx }: TeamCall, now: Date) {
  await expireLapsedReauthRequests(ctx.db, { now, teamId: ctx.team.id, auditRequestId: ctx.requestId });
  scheduleOutboxDrain({ db: ctx.db, box: ctx.secretBox });
}

function stepOf({ ctx }: TeamCall, requestId: string) {
  return {
    teamId: ctx.team.id,
    requestId,
    actor: { id: ctx.user.id, label: ctx.user.email },
    auditRequestId: ctx.requestId,
    now: new Date(),
  };
}

/** What the hand-off page shows for a link: exactly what is re-authed and how to produce the credential. */
async function describeLink(ctx: Context & { user: { id: string } }, token: string, now: Date) {
  const request = await findReauthRequestByLinkHash(ctx.db, hashOneTimeToken(token));
  if (!request || !(await isTeamMember(ctx.db, { teamId: request.teamId, userId: ctx.user.id })))
    return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
  await expireLapsedReauthRequests(ctx.db, { now, requestId: request.id, auditRequestId: ctx.requestId });
  const view = await findReauthRequest(ctx.db, { teamId: request.teamId, requestId: request.id });
  if (!view) return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
  const refusal = reauthLinkRefusal(view, now);
  if (refusal) return { status: "unusable" as const, state: view.state, message: refusal };
  const team = await ctx.db.team.findUniqueOrThrow({ where: { id: request.teamId }, select: { name: true } });
  const assignedElsewhere = view.assignee !== null && view.assignee.id !== ctx.user.id;
  return {
    status: "usable" as const,
    requestId: view.id,
    teamName: team.name,
    method: view.method,
    methodLabel: REAUTH_METHOD_LABELS[view.method],
    provider: view.provider,
    requestedBy: view.requestedBy.label,
    assignee: view.assignee?.email ?? null,
    assignedElsewhere,
    deadline: view.deadline,
    linkExpiresAt: view.linkExpiresAt,
    gateways: [...new Set(view.profiles.map((profile) => profile.gatewayName))],
    profiles: view.profiles.map((profile) => ({
      profileId: profile.profileId,
      provider: profile.provider,
      type: profile.type,
      gatewayName: profile.gatewayName,
      store: profile.owner.kind === "agent" ? `${profile.owner.agentName}'s own store` : "shared store",
      instructions: reauthInstructions({
        method: view.method,
        provider: profile.provider,
        profileId: profile.profileId,
        ownerAgentKey: profile.owner.kind === "agent" ? profile.owner.agentKey : null,
        gatewayName: profile.gatewayName,
      }),
    })),
    agentCount: view.agentCount,
    agents: view.agents,
  };
}

export const reauthRouter = {
  /**
   * Starts a re-auth (operators and admins). `target` is `{ authProfileIds }` (one profile, or a bulk
   * selection sharing a provider) or `{ fingerprint }` (every profile holding that credential); every
   * agent reaching those profiles is covered. Returns the one-time hand-off link, shown only here.
   */
  request: operatorProcedure.input(requestReauthSchema).mutation(async ({ ctx, input }) => {
    const result = await requestReauth(ctx.db, {
      teamId: ctx.team.id,
      actor: { id: ctx.user.id, label: ctx.user.email },
      input,
      now: new Date(),
      auditRequestId: ctx.requestId,
    });
    scheduleOutboxDrain({ db: ctx.db, box: ctx.secretBox });
    return result;
  }),

  /** What a request for `target` would cover, before it is made; with the method each profile suggests. */
  preview: viewerProcedure.input(z.object({ target: reauthTargetSchema })).query(async ({ ctx, input }) => {
    const resolved = await resolveReauthTarget(ctx.db, { teamId: ctx.team.id, target: input.target });
    const open = await findOpenReauthCovering(ctx.db, {
      teamId: ctx.team.id,
      authProfileIds: resolved.profiles.map((profile) => profile.authProfileId),
    });
    const first = resolved.profiles[0];
    const suggestedMethod = first ? defaultReauthMethod(first.type) : "setup_token";
    return {
      ...resolved,
      agents: resolved.agents.slice(0, 200),
      agentCount: resolved.agents.length,
      openRequest: open,
      suggestedMethod,
      methodRefusals: Object.fromEntries(
        (["setup_token", "api_key", "oauth"] as const).map((method) => [
          method,
          resolved.profiles.map((profile) => reauthMethodRefusal(method, profile)).find(Boolean) ?? null,
        ]),
      ),
    };
  }),

  /** Every request, newest first (`open`: only those still needing work). */
  list: viewerProcedure
    .input(z.object({ scope: z.enum(["open", "all"]).default("all") }).default({ scope: "all" }))
    .query(async (call) => {
      await sweep(call, new Date());
      return listReauthRequests(call.ctx.db, {
        teamId: call.ctx.team.id,
        states: call.input.scope === "open" ? OPEN_REAUTH_STATES : undefined,
        limit: 200,
      });
    }),

  byId: viewerProcedure.input(z.object({ requestId: z.uuid() })).query(async (call) => {
    await sweep(call, new Date());
    const view = await findReauthRequest(call.ctx.db, {
      teamId: call.ctx.team.id,
      requestId: call.input.requestId,
    });
    if (!view) throw new DomainError("NOT_FOUND", "Re-auth request not found.");
    return view;
  }),

  /** Open requests covering one agent: the agent page's "re-auth pending" badge. */
  pendingForAgent: viewerProcedure.input(z.object({ agentId: z.uuid() })).query(async (call) => {
    const agent = await call.ctx.db.agent.findFirst({
      where: { id: call.input.agentId, teamId: call.ctx.team.id },
      select: { id: true },
    });
    if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
    await sweep(call, new Date());
    const open = await listReauthRequests(call.ctx.db, {
      teamId: call.ctx.team.id,
      states: OPEN_REAUTH_STATES,
      agentId: call.input.agentId,
      limit: 20,
    });
    return open.map(({ id, state, method, profileLabel, deadline }) => ({
      id,
      state,
      method,
      profileLabel,
      deadline,
    }));
  }),

  /** Open requests whose deadline is within the warning window: reminders on the fleet page. */
  nearDeadline: viewerProcedure.query(async (call) => {
    const now = new Date();
    await sweep(call, now);
    const due = await listReauthRequests(call.ctx.db, {
      teamId: call.ctx.team.id,
      states: OPEN_REAUTH_STATES,
      deadlineBefore: new Date(now.getTime() + REAUTH_DEADLINE_WARNING_MS),
      limit: 50,
    });
    return due.map(({ id, state, method, profileLabel, deadline, agentCount, assignee }) => ({
      id,
      state,
      method,
      profileLabel,
      deadline,
      agentCount,
      assignee: assignee?.email ?? null,
    }));
  }),

  cancel: operatorProcedure.input(requestAction).mutation(async (call) => {
    await cancelReauth(call.ctx.db, stepOf(call, call.input.requestId), call.input.expectedVersion);
    return { requestId: call.input.requestId };
  }),

  /** A new link replaces the old one, which stops working at once. The token is shown only here. */
  issueLink: operatorProcedure
    .input(requestAction)
    .mutation((call) =>
      reissueReauthLink(call.ctx.db, stepOf(call, call.input.requestId), call.input.expectedVersion),
    ),

  revokeLink: operatorProcedure.input(requestAction).mutation(async (call) => {
    await revokeReauthLink(call.ctx.db, stepOf(call, call.input.requestId), call.input.expectedVersion);
    return { requestId: call.input.requestId };
  }),

  /** The hand-off page: any signed-in member of the request's team holding the link. */
  openLink: signedInProcedure.input(z.object({ token: z.string().max(200) })).query(({ ctx, input }) => {
    const parsed = reauthLinkTokenSchema.safeParse(input.token);
    if (!parsed.success)
      return { status: "unknown" as const, message: UNUSABLE_REAUTH_LINK_MESSAGES.unknown };
    return describeLink(ctx, parsed.data, new Date());
  }),

  /** The assignee's paste: validated with OpenClaw's rules, applied in one transaction, idempotent. */
  submitCredential: signedInProcedure.input(submitReauthCredentialSchema).mutation(async ({ ctx, input }) => {
    const outcome = await submitReauthCredential(ctx.db, ctx.secretBox, {
      user: { id: ctx.user.id, label: ctx.user.email },
      input,
      now: new Date(),
      auditRequestId: ctx.requestId,
    });
    scheduleOutboxDrain({ db: ctx.db, box: ctx.secretBox });
    return outcome;
  }),

  /** OAuth: the assignee ran the login command on the host; the host's next report completes it. */
  confirmHostSignIn: signedInProcedure
    .input(z.object({ token: reauthLinkTokenSchema, submissionKey: z.uuid() }))
    .mutation(({ ctx, input }) =>
      confirmHostSignIn(ctx.db, {
        user: { id: ctx.user.id, label: ctx.user.email },
        token: input.token,
        submissionKey: input.submissionKey,
        now: new Date(),
        auditRequestId: ctx.requestId,
      }),
    ),

  /** The team webhook (admins): its URL, the signing secret's last 4, and the recent deliveries. */
  webhook: adminProcedure.query(async ({ ctx }) => ({
    webhook: await findTeamWebhook(ctx.db, { teamId: ctx.team.id }),
    events: REAUTH_WEBHOOK_EVENTS,
    deliveries: await listRecentOutboxJobs(ctx.db, { teamId: ctx.team.id, kinds: ["webhook"], limit: 20 }),
  })),

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
      inTransaction(ctx.db, async (tx) => {
        const saved = await saveTeamWebhook(tx, ctx.secretBox, { teamId: ctx.team.id, ...input });
        // why: only the origin is audited; hook URLs often carry a token in their path (e.g. Slack).
        const audited = (webhook: typeof saved.before) =>
          webhook
            ? {
                origin: new URL(webhook.url).origin,
                secretHint: webhook.secretHint,
                version: webhook.version,
              }
            : undefined;
        await recordAuditEvent(tx, {
          teamId: ctx.team.id,
          actor: { id: ctx.user.id, label: ctx.user.email },
          action: "webhook.update",
          target: { type: "team_webhook", id: ctx.team.id },
          before: audited(saved.before),
          after: { ...audited(saved.after), secretRotated: saved.signingSecret !== null },
          requestId: ctx.requestId,
        });
        return { webhook: saved.after, signingSecret: saved.signingSecret };
      }),
    ),

  removeWebhook: adminProcedure
    .input(z.object({ expectedVersion: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.db, async (tx) => {
        const removed = await removeTeamWebhook(tx, {
          teamId: ctx.team.id,
          expectedVersion: input.expectedVersion,
        });
        await recordAuditEvent(tx, {
          teamId: ctx.team.id,
          actor: { id: ctx.user.id, label: ctx.user.email },
          action: "webhook.remove",
          target: { type: "team_webhook", id: ctx.team.id },
          before: {
            origin: new URL(removed.url).origin,
            secretHint: removed.secretHint,
            version: removed.version,
          },
          requestId: ctx.requestId,
        });
        return { removed: true };
      }),
    ),
} satisfies TRPCRouterRecord;
