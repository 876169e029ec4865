// The channel between a host agent and the console: HTTPS long-poll, initiated by the agent (README,
// "Host agents"). Every request after enrolment carries `Authorization: Bearer <agent credential>`.
//
//   POST /api/host-agent/enrol            {enrolmentToken, host}           → {credential, gateway, …}  (once)
//   POST /api/host-agent/poll             {host, resumed}                  → {jobs: HostJobDelivery[], …}
//        held open up to `POLL_HOLD_MS` until a job for this gateway is queued (Postgres NOTIFY, any instance)
//   POST /api/host-agent/jobs/<id>/result {attempt, outcome: HostJobOutcome} → {recorded}
//   POST /api/host-agent/reports          {reports, gatewayState?}         → {stored}
//
// A 401 means the credential is unknown or revoked: the agent stops and says so; it never retries a 401.
import { z } from "zod";
import { hostJobDeliverySchema, hostJobOutcomeSchema } from "./host-jobs";

export const HOST_AGENT_API_PREFIX = "/api/host-agent";
export const HOST_AGENT_PATHS = {
  enrol: `${HOST_AGENT_API_PREFIX}/enrol`,
  poll: `${HOST_AGENT_API_PREFIX}/poll`,
  jobResult: (jobId: string) => `${HOST_AGENT_API_PREFIX}/jobs/${jobId}/result`,
  reports: `${HOST_AGENT_API_PREFIX}/reports`,
} as const;

/** How long a poll is held open when there is nothing to do; below common proxy idle timeouts (60 s). */
export const POLL_HOLD_MS = 25_000;
/** How long a delivered job stays leased to the agent before another delivery may take it over. */
export const HOST_JOB_LEASE_MS = 5 * 60_000;
/** Request bodies above this are refused (413) before they are parsed. */
export const MAX_HOST_AGENT_BODY_BYTES = 4 * 1024 * 1024;
/** At most this many agent reports per `reports` request. */
export const MAX_REPORTS_PER_REQUEST = 500;

/** Enrolment token: `cfe_` + 32 random bytes in base64url. Agent credential: `cfa_` + 32 random bytes. */
export const ENROLMENT_TOKEN_PATTERN = /^cfe_[A-Za-z0-9_-]{43}$/u;
export const AGENT_CREDENTIAL_PATTERN = /^cfa_[A-Za-z0-9_-]{43}$/u;

/** Who is calling: what the Gateways page shows per gateway. */
export const hostFactsSchema = z.strictObject({
  agentVersion: z.string().min(1).max(50),
  /** `openclaw --version` on the host, e.g. "2026.9.6"; null when the CLI could not be run. */
  openclawVersion: z.string().max(100).nullable(),
  hostname: z.string().max(255),
});
export type HostFacts = z.infer<typeof hostFactsSchema>;

export const enrolRequestSchema = z.strictObject({
  enrolmentToken: z.string().regex(ENROLMENT_TOKEN_PATTERN, "This is not a Clawfleet enrolment token."),
  host: hostFactsSchema,
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.strictObject({
  /** The long-lived agent credential, shown to the agent once; the console keeps only its hash. */
  credential: z.string().regex(AGENT_CREDENTIAL_PATTERN),
  hostAgentId: z.uuid(),
  gateway: z.strictObject({ id: z.uuid(), name: z.string() }),
  /** How often the agent reports every agent's status when nothing else happens. */
  reportIntervalMs: z.number().int().positive(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

export const pollRequestSchema = z.strictObject({
  host: hostFactsSchema,
  /**
   * True on the first poll after the agent started: anything still leased to this agent was abandoned (it was
   * killed mid-job), so the console hands those jobs out again at once instead of waiting for the lease.
   */
  resumed: z.boolean(),
});
export type PollRequest = z.infer<typeof pollRequestSchema>;

export const pollResponseSchema = z.strictObject({
  jobs: z.array(hostJobDeliverySchema),
  reportIntervalMs: z.number().int().positive(),
});
export type PollResponse = z.infer<typeof pollResponseSchema>;

export const jobResultRequestSchema = z.strictObject({
  /** The delivery this answers (`HostJobDelivery.attempt`); an answer for an earlier delivery is ignored. */
  attempt: z.number().int().min(1),
  outcome: hostJobOutcomeSchema,
});
export type JobResultRequest = z.infer<typeof jobResultRequestSchema>;

/** One agent's `openclaw models status --json --agent <id>` output, verbatim, and when it was taken. */
export const agentStatusReportSchema = z.strictObject({
  agentKey: z.string().max(64),
  takenAt: z.iso.datetime(),
  status: z.unknown(),
});

/**
 * What the host's Gateway says about itself after a `config.changed` event or a periodic report: `config.get`
 * (`parsed` with secrets already redacted by OpenClaw, and its `hash`), `agents.list`, and `models.authStatus`.
 */
export const gatewayStateReportSchema = z.strictObject({
  takenAt: z.iso.datetime(),
  configHash: z.string().max(200),
  config: z.record(z.string(), z.unknown()),
  agents: z.unknown(),
  authStatus: z.unknown(),
});
export type GatewayStateReport = z.infer<typeof gatewayStateReportSchema>;

export const reportsRequestSchema = z.strictObject({
  reports: z.array(agentStatusReportSchema).max(MAX_REPORTS_PER_REQUEST),
  gatewayState: gatewayStateReportSchema.optional(),
});
export type ReportsRequest = z.infer<typeof reportsRequestSchema>;

/** The error body of every refused channel request. */
export type HostChannelError = { error: { code: string; message: string } };
