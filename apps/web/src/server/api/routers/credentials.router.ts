import type { TRPCRouterRecord } from "@trpc/server";
import { listCredentialUsage } from "@clawfleet/db/credential.repository";
import { viewerProcedure } from "../trpc";

export const credentialsRouter = {
  /** Every credential by fingerprint → profiles → agents that reach them. Masks and fingerprints only. */
  usage: viewerProcedure.query(({ ctx }) => listCredentialUsage(ctx.db, { teamId: ctx.team.id })),
} satisfies TRPCRouterRecord;
