"use client";

import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import type { AgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import { AgentAuthOrderEditor } from "./agent-auth-order-editor";
import { AgentProfilesPanel } from "./agent-profiles-panel";

/** The agent page's "Auth profiles" tab: its profiles, then the auth order editor once settings are resolved. */
export function AgentProfilesTab({
  agent,
  settings,
}: {
  agent: AgentDetail;
  settings: AgentModelSettings | undefined;
}) {
  return (
    <>
      <AgentProfilesPanel agentId={agent.id} settings={settings} />
      {settings ? <AgentAuthOrderEditor agent={agent} settings={settings} /> : null}
    </>
  );
}
