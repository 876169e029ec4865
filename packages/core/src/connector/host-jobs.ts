// The work a host agent applies on its OpenClaw Gateway. A job is written by the console in the same transaction
// as the edit it carries out; its payload holds ids and config values only, never a secret. A credential push
// gains its secret only in the delivery to an authenticated agent (`HostJobDelivery`), built at fetch time.
import { z } from "zod";
import { profileIdSchema, providerIdSchema } from "../auth-profiles/openclaw-ids";
import { AGENT_ID_MESSAGE, AGENT_ID_PATTERN } from "../openclaw-config/openclaw-config.schema";

const agentKey = z.string().regex(AGENT_ID_PATTERN, AGENT_ID_MESSAGE);
const profileId = profileIdSchema;
const provider = providerIdSchema;

/** Push a credential into the store the console holds it in: an agent's own store, or the shared one (`null`). */
export const credentialPushJobSchema = z.strictObject({
  kind: z.literal("credential.push"),
  authProfileId: z.uuid(),
  profileId,
  provider,
  type: z.enum(["api_key", "token"]),
  /** Owner of the store: an agent id, or null for the gateway's shared store. */
  storeAgentKey: agentKey.nullable(),
  /** Token expiry (ISO), passed to `paste-token --expires-in` as the time left at apply. */
  expiresAt: z.iso.datetime().nullable(),
  /** The re-auth request this push completes, if any. */
  reauthRequestId: z.uuid().nullable(),
});

/**
 * A merge patch of `openclaw.json` (OpenClaw `config.patch`): objects merge, `null` deletes a key, and an array is
 * replaced only where its dotted path is listed in `replacePaths`. Built by `configMergePatch` in this folder.
 */
export const configPatchJobSchema = z.strictObject({
  kind: z.literal("config.patch"),
  patch: z.record(z.string(), z.unknown()),
  replacePaths: z.array(z.string().min(1)).max(256),
  /** Shown in OpenClaw's restart sentinel and logs: what changed and who changed it (never a secret). */
  note: z.string().max(500),
  /**
   * Agents whose status the change can move, reported after it applies: a list, or "all" for a change every agent
   * can inherit (gateway defaults), which a list of every agent of a large gateway would only make heavy.
   */
  affectedAgentKeys: z.union([z.array(agentKey), z.literal("all")]),
});

export const agentCreateJobSchema = z.strictObject({
  kind: z.literal("agent.create"),
  agentKey,
  name: z.string().min(1).max(200),
  workspace: z.string().min(1).max(1000).nullable(),
  /** `provider/model`; the rest of the entry follows as a `config.patch`. */
  model: z.string().min(1).max(300).nullable(),
});

export const agentDeleteJobSchema = z.strictObject({
  kind: z.literal("agent.delete"),
  agentKey,
});

/** `models.authOrderSet` for one agent: the full list of the provider's profiles, or null to clear the override. */
export const authOrderSetJobSchema = z.strictObject({
  kind: z.literal("auth.order.set"),
  agentKey,
  provider,
  profileIds: z.array(profileId).min(1).nullable(),
});

/** `models.authLogout`: remove profiles from the store that owns them (an agent's, or the shared one: null). */
export const authProfileRemoveJobSchema = z.strictObject({
  kind: z.literal("auth.profile.remove"),
  storeAgentKey: agentKey.nullable(),
  provider,
  profileIds: z.array(profileId).min(1),
});

/** Run `openclaw models status --json --agent <id>` for these agents (all of them when empty) and report it. */
export const statusReportJobSchema = z.strictObject({
  kind: z.literal("status.report"),
  agentKeys: z.array(agentKey),
});

export const hostJobPayloadSchema = z.discriminatedUnion("kind", [
  credentialPushJobSchema,
  configPatchJobSchema,
  agentCreateJobSchema,
  agentDeleteJobSchema,
  authOrderSetJobSchema,
  authProfileRemoveJobSchema,
  statusReportJobSchema,
]);
export type HostJobPayload = z.infer<typeof hostJobPayloadSchema>;
export type HostJobKind = HostJobPayload["kind"];
export type HostJobPayloadOf<K extends HostJobKind> = Extract<HostJobPayload, { kind: K }>;

export const HOST_JOB_KIND_LABELS: Record<HostJobKind, string> = {
  "credential.push": "Push credential",
  "config.patch": "Apply config change",
  "agent.create": "Create agent",
  "agent.delete": "Delete agent",
  "auth.order.set": "Set auth order",
  "auth.profile.remove": "Remove auth profile",
  "status.report": "Report status",
};

/**
 * A job as the agent receives it. `secret` is present only on a `credential.push`: the plaintext, decrypted for
 * this delivery, which the agent passes to OpenClaw over the loopback socket or a CLI's stdin and nowhere else.
 * `attempt` names this delivery; the agent echoes it so a stale result (an earlier delivery) is told apart.
 */
export const hostJobDeliverySchema = z.strictObject({
  jobId: z.uuid(),
  attempt: z.number().int().min(1),
  payload: hostJobPayloadSchema,
  secret: z.string().min(1).max(10_000).optional(),
});
export type HostJobDelivery = z.infer<typeof hostJobDeliverySchema>;

/** OpenClaw's refusal, verbatim (`code`, `message`, `details`), or the agent's own error in the same shape. */
export const hostJobErrorSchema = z.strictObject({
  code: z.string().min(1).max(100),
  message: z.string().min(1).max(4000),
  details: z.unknown().optional(),
  /** The CLI or RPC that failed, e.g. `config.patch` or `openclaw models auth paste-token`. */
  source: z.string().max(200).optional(),
});
export type HostJobError = z.infer<typeof hostJobErrorSchema>;

/** What applying a job did on the host, in the words the console shows next to the change. */
export const hostJobResultSchema = z.strictObject({
  /** One line, e.g. "Stored anthropic:fleet-token (token) for agent main". */
  summary: z.string().min(1).max(1000),
  changedPaths: z.array(z.string().max(500)).max(500).optional(),
  profileId: z.string().max(200).optional(),
  agentKey: z.string().max(64).optional(),
  /** True when the host already matched the job (a redelivery after a crash, or no change needed). */
  alreadyApplied: z.boolean().optional(),
  /** OpenClaw's warning, verbatim, e.g. "API key saved, but the Gateway has not confirmed applying …". */
  warning: z.string().max(2000).optional(),
});
export type HostJobResult = z.infer<typeof hostJobResultSchema>;

/**
 * The agent's answer for one delivery:
 * - `applied`: done (or already so); the job is finished.
 * - `failed`: OpenClaw refused it; retrying the same job would fail the same way until someone changes something.
 * - `retry`: could not be applied now (Gateway down or starting, config changed underneath); the console queues it
 *   again after a backoff and shows it as pending with this error.
 */
export const hostJobOutcomeSchema = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("applied"), result: hostJobResultSchema }),
  z.strictObject({ status: z.literal("failed"), error: hostJobErrorSchema }),
  z.strictObject({ status: z.literal("retry"), error: hostJobErrorSchema }),
]);
export type HostJobOutcome = z.infer<typeof hostJobOutcomeSchema>;

/**
 * A job's life on the console: `queued` (waiting for the agent, also after a retryable failure), `sent` (delivered,
 * the agent holds a lease), `applied`, `failed`, or `cancelled` (superseded or the gateway's agent was removed).
 */
export const HOST_JOB_STATES = ["queued", "sent", "applied", "failed", "cancelled"] as const;
export type HostJobState = (typeof HOST_JOB_STATES)[number];

export const HOST_JOB_STATE_LABELS: Record<HostJobState, string> = {
  queued: "Queued",
  sent: "Sent to host",
  applied: "Applied on host",
  failed: "Failed",
  cancelled: "Cancelled",
};
