import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  revokeHostAgent,
  rotateHostAgentCredential,
} from "@clawfleet/services/connector/host-agent-credentials";
import {
  acceptHostVersion,
  pushConsoleVersion,
  readHostDrift,
} from "@clawfleet/services/connector/host-drift";
import { createEnrolmentToken } from "@clawfleet/services/connector/host-enrolment";
import {
  cancelHostJob,
  gatewayConnection,
  listHostJobs,
  retryHostJob,
} from "@clawfleet/services/connector/host-jobs";
import { adminProcedure, operatorProcedure, viewerProcedure } from "../trpc";

const gatewayInput = z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") });
const versionedAgentInput = z.object({
  hostAgentId: z.uuid("Host agent ids are UUIDs."),
  expectedVersion: z.number().int().positive("expectedVersion is the host agent version you saw."),
});
const settleDriftInput = z.object({
  gatewayId: z.uuid("Gateway ids are UUIDs."),
  configHash: z.string().min(1, "configHash is the hash of the host report you reviewed.").max(200),
});
const jobInput = z.object({ jobId: z.uuid("Job ids are UUIDs.") });
const page = {
  beforeJobId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(20),
};
const jobsInput = z.union([
  z.object({ gatewayId: z.uuid("Gateway ids are UUIDs."), ...page }),
  z.object({
    origin: z.object({ type: z.string().min(1).max(50), id: z.string().min(1).max(200) }),
    ...page,
  }),
]);

export const hostAgentsRouter = {
  /** The gateway's host agent as the Gateways page shows it: connection state, versions, pending jobs, last error. */
  forGateway: viewerProcedure
    .input(gatewayInput)
    .query(({ ctx, input }) => gatewayConnection(ctx.deps, ctx.caller, input)),

  /** A one-time enrolment token for the gateway, returned by this response only; it expires in an hour. */
  createEnrolment: adminProcedure
    .input(gatewayInput)
    .mutation(({ ctx, input }) => createEnrolmentToken(ctx.deps, ctx.caller, input)),

  /** A new agent credential, returned by this response only; the old one is refused from now on. */
  rotate: adminProcedure
    .input(versionedAgentInput)
    .mutation(({ ctx, input }) => rotateHostAgentCredential(ctx.deps, ctx.caller, input)),

  /** Cuts the agent off at once; its queued jobs wait for the next agent enrolled on the gateway. */
  revoke: adminProcedure
    .input(versionedAgentInput)
    .mutation(({ ctx, input }) => revokeHostAgent(ctx.deps, ctx.caller, input)),

  /** Host jobs of a gateway, or of one change (its origin), newest first. */
  jobs: viewerProcedure.input(jobsInput).query(({ ctx, input }) => listHostJobs(ctx.deps, ctx.caller, input)),

  retryJob: operatorProcedure
    .input(jobInput)
    .mutation(({ ctx, input }) => retryHostJob(ctx.deps, ctx.caller, input)),

  cancelJob: operatorProcedure
    .input(jobInput)
    .mutation(({ ctx, input }) => cancelHostJob(ctx.deps, ctx.caller, input)),

  /** What differs between the console and the host's last reported `openclaw.json`. */
  drift: viewerProcedure
    .input(gatewayInput)
    .query(({ ctx, input }) => readHostDrift(ctx.deps, ctx.caller, input)),

  /** Writes the host's version of every drifted item (of the report the operator reviewed) into the console. */
  acceptHostVersion: operatorProcedure
    .input(settleDriftInput)
    .mutation(({ ctx, input }) => acceptHostVersion(ctx.deps, ctx.caller, input)),

  /** Queues the host jobs that make the host match the console (for the report the operator reviewed). */
  pushConsoleVersion: operatorProcedure
    .input(settleDriftInput)
    .mutation(({ ctx, input }) => pushConsoleVersion(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
