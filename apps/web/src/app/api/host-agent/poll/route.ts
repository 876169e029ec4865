import { hostAgentDependencies } from "~/server/host-agent/host-agent-deps";
import { handlePoll } from "~/server/host-agent/host-agent-handlers";

export const dynamic = "force-dynamic";

/** A host agent's long-poll for its gateway's next job (core `host-channel.ts`). */
export function POST(request: Request): Promise<Response> {
  return handlePoll(request, hostAgentDependencies());
}
