import { hostAgentDependencies } from "~/server/host-agent/host-agent-deps";
import { handleJobResult } from "~/server/host-agent/host-agent-handlers";

export const dynamic = "force-dynamic";

/** A host agent's answer for one delivery of a job (core `host-channel.ts`). */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ jobId: string }> },
): Promise<Response> {
  const { jobId } = await params;
  return handleJobResult(request, jobId, hostAgentDependencies());
}
