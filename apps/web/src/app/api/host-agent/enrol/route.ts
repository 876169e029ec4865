import { hostAgentDependencies } from "~/server/host-agent/host-agent-deps";
import { handleEnrol } from "~/server/host-agent/host-agent-handlers";

export const dynamic = "force-dynamic";

/** `clawfleet agent enrol`: an enrolment token, once, for the host agent's credential (core `host-channel.ts`). */
export function POST(request: Request): Promise<Response> {
  return handleEnrol(request, hostAgentDependencies());
}
