import { hostAgentDependencies } from "~/server/host-agent/host-agent-deps";
import { handleReports } from "~/server/host-agent/host-agent-handlers";

export const dynamic = "force-dynamic";

/** A host agent's real `models status --json` reports and its Gateway's state (core `host-channel.ts`). */
export function POST(request: Request): Promise<Response> {
  return handleReports(request, hostAgentDependencies());
}
