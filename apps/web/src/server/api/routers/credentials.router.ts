import type { TRPCRouterRecord } from "@trpc/server";
import { listCredentialUsage } from "@clawfleet/services/credentials/credential-usage";
import { viewerProcedure } from "../trpc";

export const credentialsRouter = {
  /** Every credential by fingerprint → profiles → agents that reach them. Masks and fingerprints only. */
  usage: viewerProcedure.query(({ ctx }) => listCredentialUsage(ctx.deps, ctx.caller)),
} satisfies TRPCRouterRecord;
