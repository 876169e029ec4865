/**
 * Sample inputs of the `reauth.*` procedures for the RBAC matrix and the leak scan (merged into
 * PROCEDURE_SAMPLES). Each sample builds the request it consumes, so every allowed call can succeed in any
 * order. Link procedures admit any signed-in member of the link's team, so their samples issue the link in
 * the caller's own team; applying through a link is for an operator or the request's assignee, so those samples
 * assign the request to the caller.
 */
import type { ReauthMethod } from "@clawfleet/core/reauth/reauth-request";
import { createGateway, createProfile } from "@clawfleet/db/testing/factories";
import { requestReauth } from "@clawfleet/services/reauth/reauth-workflow";
import { readWebhookSettings, saveWebhook } from "@clawfleet/services/webhooks/team-webhook";
import { testDeps, testSecretBox } from "./caller";
import type { SampleContext } from "./procedure-samples";

/** A fake setup-token that passes OpenClaw's checks (prefix, length). */
const SAMPLE_REAUTH_TOKEN = `sk-ant-oat01-SAMPLEREAUTH${"z".repeat(70)}`;
const WEBHOOK_URL = "https://hooks.example.test/clawfleet";

let sequence = 0;

/** The team the caller acts in: team A, unless the caller belongs elsewhere (the other team's admin). */
async function callerTeamId({ fleet, caller }: SampleContext): Promise<string> {
  if (!caller) return fleet.own.team.id;
  const membership = await fleet.db.membership.findFirst({ where: { userId: caller.id } });
  return membership?.teamId ?? fleet.own.team.id;
}

/** A fresh profile (so no earlier request covers it) and an open request with its link, in `teamId`. */
async function freshRequest(
  context: SampleContext,
  method: ReauthMethod,
  teamId = context.fleet.own.team.id,
  assigneeId?: string,
) {
  const { fleet } = context;
  const gatewayId =
    teamId === fleet.own.team.id ? fleet.gatewayId : (await createGateway(fleet.db, { teamId })).id;
  sequence += 1;
  const profile = await createProfile(fleet.db, testSecretBox, {
    teamId,
    gatewayId,
    type: method === "oauth" ? "oauth" : "token",
    profileId: `anthropic:reauth-sample-${Date.now().toString(36)}-${sequence}`,
    secrets:
      method === "oauth"
        ? { access: `${SAMPLE_REAUTH_TOKEN}a`, refresh: `${SAMPLE_REAUTH_TOKEN}r` }
        : { token: `${SAMPLE_REAUTH_TOKEN}${sequence}` },
  });
  const requester = await fleet.db.membership.findFirstOrThrow({
    where: { teamId, role: { in: ["operator", "admin"] } },
    include: { user: true },
  });
  const created = await requestReauth(
    testDeps(fleet.db),
    {
      teamId,
      actor: { id: requester.userId, label: requester.user.email },
      requestId: crypto.randomUUID(),
    },
    { target: { authProfileIds: [profile.id] }, method, ...(assigneeId ? { assigneeId } : {}) },
  );
  return { ...created, authProfileId: profile.id, expectedVersion: 2 };
}

async function freshProfileId(context: SampleContext): Promise<string> {
  sequence += 1;
  const profile = await createProfile(context.fleet.db, testSecretBox, {
    teamId: context.fleet.own.team.id,
    gatewayId: context.fleet.gatewayId,
    type: "token",
    profileId: `anthropic:reauth-target-${Date.now().toString(36)}-${sequence}`,
    secrets: { token: `${SAMPLE_REAUTH_TOKEN}t${sequence}` },
  });
  return profile.id;
}

/** The webhook of the caller's team, if it has one. */
async function teamWebhook(context: SampleContext) {
  const teamId = await callerTeamId(context);
  return (await readWebhookSettings({ db: context.fleet.db }, { teamId })).webhook;
}

type Sample = (context: SampleContext) => unknown;

export const REAUTH_PROCEDURE_SAMPLES: Record<string, Sample> = {
  "reauth.request": async (context) => ({
    target: { authProfileIds: [await freshProfileId(context)] },
    method: "setup_token",
    deadline: new Date(Date.now() + 86_400_000),
  }),
  "reauth.preview": ({ fleet }) => ({ target: { authProfileIds: [fleet.authProfileId] } }),
  "reauth.list": () => ({ scope: "all" }),
  "reauth.byId": async (context) => ({ requestId: (await freshRequest(context, "setup_token")).requestId }),
  "reauth.pendingForAgent": ({ fleet }) => ({ agentId: fleet.agentId }),
  "reauth.nearDeadline": () => undefined,
  "reauth.cancel": async (context) => {
    const { requestId, expectedVersion } = await freshRequest(context, "setup_token");
    return { requestId, expectedVersion };
  },
  "reauth.issueLink": async (context) => {
    const { requestId, expectedVersion } = await freshRequest(context, "api_key");
    return { requestId, expectedVersion };
  },
  "reauth.revokeLink": async (context) => {
    const { requestId, expectedVersion } = await freshRequest(context, "setup_token");
    return { requestId, expectedVersion };
  },
  "reauth.openLink": async (context) => ({
    token: (await freshRequest(context, "setup_token", await callerTeamId(context))).link.token,
  }),
  "reauth.submitCredential": async (context) => ({
    token: (await freshRequest(context, "setup_token", await callerTeamId(context), context.caller?.id)).link
      .token,
    submissionKey: crypto.randomUUID(),
    credential: SAMPLE_REAUTH_TOKEN,
  }),
  "reauth.confirmHostSignIn": async (context) => ({
    token: (await freshRequest(context, "oauth", await callerTeamId(context), context.caller?.id)).link.token,
    submissionKey: crypto.randomUUID(),
  }),
  "reauth.webhook": () => undefined,
  "reauth.saveWebhook": async (context) => ({
    url: WEBHOOK_URL,
    expectedVersion: (await teamWebhook(context))?.version ?? null,
    rotateSecret: false,
  }),
  "reauth.removeWebhook": async (context) => {
    const existing = await teamWebhook(context);
    if (existing) return { expectedVersion: existing.version };
    const created = await saveWebhook(
      testDeps(context.fleet.db),
      { teamId: await callerTeamId(context), actor: { id: null, label: "sample" }, requestId: "sample" },
      { url: WEBHOOK_URL, expectedVersion: null, rotateSecret: false, allowedNetworks: [] },
    );
    return { expectedVersion: created.webhook.version };
  },
};
