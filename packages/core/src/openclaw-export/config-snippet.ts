import JSON5 from "json5";
import { type GatewayRecord, agentEntryOf, joinConfig } from "../openclaw-import/gateway-record";

/**
 * `openclaw.json` snippets in the style of OpenClaw's docs ("Config snippet"): JSON5 with unquoted keys
 * where JavaScript allows them. Built from config columns only, so they hold no credential: stores,
 * profiles' secrets and runtime state are not part of `openclaw.json` (secrets that sat in the config at
 * import, such as `env` keys, were stored as their masks and come out as masks).
 */

function render(header: string, value: unknown): string {
  return `// ${header}\n${JSON5.stringify(value, null, 2)}\n`;
}

/** The whole `openclaw.json` of a gateway: defaults, agents, `auth.profiles`, `auth.order` and the rest. */
export function gatewayConfigSnippet(record: GatewayRecord, gatewayName: string): string {
  return render(
    `openclaw.json for gateway ${gatewayName} (exported by Clawfleet; no secrets)`,
    joinConfig(record.config, record.agents),
  );
}

/** One agent's `agents.entries.<id>`: model, per-model params and the rest of its settings. */
export function agentConfigSnippet(record: GatewayRecord, agentKey: string): string | null {
  const agent = record.agents.find((candidate) => candidate.agentKey === agentKey);
  if (!agent) return null;
  return render(`agents.entries.${agentKey} (exported by Clawfleet; merge into openclaw.json)`, {
    agents: { entries: { [agentKey]: agentEntryOf(agent) } },
  });
}
