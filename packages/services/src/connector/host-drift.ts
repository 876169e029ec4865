/**
 * Drift between the console and the host's real `openclaw.json` (someone ran the CLI on the host), as the host agent
 * last reported it, and the two ways to settle it: accept the host's version into the console, or push the
 * console's version to the host. Both act on the report the admin saw: its hash must still be the stored one.
 */
import {
  type AgentConfigFragment,
  type GatewayDefaultsFragment,
  asWritten,
} from "@clawfleet/core/connector/config-change-jobs";
import {
  type ConsoleConfigSide,
  type HostConfigSide,
  type HostDriftItem,
  NO_AGENT_SETTINGS,
  compareWithHost,
  driftScope,
  readHostConfig,
} from "@clawfleet/core/connector/host-drift";
import { DomainError } from "@clawfleet/core/domain-error";
import {
  type AgentConfigRow,
  insertAgent,
  listGatewayAgentConfigs,
  updateAgent,
} from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  type GatewayDefaults,
  findGatewayDefaults,
  replaceGatewayDefaults,
} from "@clawfleet/db/gateway.repository";
import { hasActiveHostAgent } from "@clawfleet/db/host-agent.repository";
import { findGatewayHostState } from "@clawfleet/db/host-state.repository";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";
import { queueAgentCreation, queueAgentFragmentChange, queueGatewayDefaultsChange } from "./host-changes";

export type HostDrift =
  { reportedAt: null } | { reportedAt: Date; configHash: string; items: HostDriftItem[] };

/** An agent a settlement leaves as it is, and why. */
export type KeptAgent = { agentKey: string; reason: string };

export type AcceptedHostVersion = {
  configHash: string;
  /** The defaults fields now holding the host's values. */
  defaultsFields: string[];
  updatedAgentKeys: string[];
  createdAgentKeys: string[];
  kept: KeptAgent[];
};

export type PushedConsoleVersion = {
  configHash: string;
  queuedJobs: { jobId: string; kind: string; agentKey: string | null }[];
  kept: KeptAgent[];
};

const KEPT_CONSOLE_ONLY = "kept: exists only in the console; delete it in the console or push";
const KEPT_HOST_ONLY = "kept: exists only on the host; accept to bring it in, or delete it on the host";

type Comparison = {
  configHash: string;
  takenAt: Date;
  defaults: GatewayDefaults;
  agents: AgentConfigRow[];
  host: HostConfigSide;
  items: HostDriftItem[];
};

function defaultsFragment({ model, imageModel, utilityModel, models, params }: GatewayDefaults) {
  return { model, imageModel, utilityModel, models, params } satisfies GatewayDefaultsFragment;
}

function agentFragment({ model, models, params }: AgentConfigFragment): AgentConfigFragment {
  return { model, models, params };
}

/** The host's settings of an agent; a console `main` compared with the implicit one of a host without agents has none. */
function hostSettingsOf(host: HostConfigSide, agentKey: string): AgentConfigFragment {
  return agentFragment(host.agents.get(agentKey) ?? NO_AGENT_SETTINGS);
}

/** Loads both sides and compares them; null when the host never reported its state. NOT_FOUND for another team. */
async function compareGateway(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<Comparison | null> {
  const defaults = await findGatewayDefaults(db, { teamId, gatewayId });
  if (!defaults) throw new DomainError("NOT_FOUND", "Gateway not found.");
  const state = await findGatewayHostState(db, { teamId, gatewayId });
  if (!state) return null;
  const agents = await listGatewayAgentConfigs(db, { teamId, gatewayId });
  const consoleSide: ConsoleConfigSide = { defaults: defaultsFragment(defaults), agents };
  return {
    configHash: state.configHash,
    takenAt: state.takenAt,
    defaults,
    agents,
    host: readHostConfig(state.config),
    items: compareWithHost(consoleSide, state.config),
  };
}

/** Compares inside the settlement's transaction, refusing unless the stored report is the one the admin saw. */
async function compareAsSeen(
  tx: Db,
  caller: Caller,
  { gatewayId, configHash }: { gatewayId: string; configHash: string },
): Promise<Comparison> {
  const comparison = await compareGateway(tx, { teamId: caller.teamId, gatewayId });
  if (!comparison)
    throw new DomainError(
      "INVALID_STATE",
      "The host has not reported its config yet, so there is no host version to compare. Wait for its host agent to report, then try again.",
    );
  if (comparison.configHash !== configHash)
    throw new DomainError(
      "CONFLICT",
      `The host reported a newer config (hash ${comparison.configHash}) since you loaded the drift (hash ${configHash}). Review the new drift, then decide again.`,
      "configHash",
    );
  return comparison;
}

/** The drift items as the audit trail keeps them: each side's values of the changed fields, keyed by where. */
function auditSides(items: readonly HostDriftItem[]) {
  const side = (pick: (item: HostDriftItem) => unknown) => {
    const defaults: Record<string, unknown> = {};
    const agents: Record<string, Record<string, unknown>> = {};
    for (const item of items) {
      if (item.scope === "defaults") defaults[item.field] = pick(item);
      else (agents[item.agentKey] ??= {})[item.field] = pick(item);
    }
    return { defaults, agents };
  };
  return { console: side((item) => item.console), host: side((item) => item.host) };
}

/** The drift of a gateway as the Gateways page shows it (viewer). */
export async function readHostDrift(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
): Promise<HostDrift> {
  const comparison = await compareGateway(db, { teamId, gatewayId });
  if (!comparison) return { reportedAt: null };
  return { reportedAt: comparison.takenAt, configHash: comparison.configHash, items: comparison.items };
}

/**
 * Writes the host's values into the console for every drifted item of the report the admin saw, in one
 * transaction: the defaults fields, each agent's model, per-model map and params (a versioned edit that declares
 * the agent), and agents only on the host are created. Agents only in the console are kept. No host job is queued:
 * the host already holds these values.
 */
export function acceptHostVersion(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { gatewayId: string; configHash: string },
): Promise<AcceptedHostVersion> {
  return inTransaction(db, async (tx) => {
    const { teamId } = caller;
    const { gatewayId } = input;
    const comparison = await compareAsSeen(tx, caller, input);
    const { items, host } = comparison;
    const drifted = driftScope(items);
    const kept = drifted.consoleOnly.map((agentKey) => ({ agentKey, reason: KEPT_CONSOLE_ONLY }));
    const answer = { configHash: comparison.configHash, kept };
    if (items.length === kept.length)
      return { ...answer, defaultsFields: [], updatedAgentKeys: [], createdAgentKeys: [] };

    const defaultsChanges = Object.fromEntries(
      drifted.defaultsFields.map((field) => [field, host.defaults[field]]),
    );
    if (Object.keys(defaultsChanges).length > 0)
      await replaceGatewayDefaults(tx, {
        teamId,
        gatewayId,
        expectedVersion: comparison.defaults.version,
        changes: defaultsChanges,
      });

    const consoleAgents = new Map(comparison.agents.map((agent) => [agent.agentKey, agent]));
    for (const agentKey of drifted.onBothSides) {
      const agent = consoleAgents.get(agentKey);
      if (!agent) continue;
      const fields = new Set(
        items.flatMap((item) => (item.scope === "agent" && item.agentKey === agentKey ? [item.field] : [])),
      );
      const hostFragment = hostSettingsOf(host, agentKey);
      await updateAgent(tx, {
        teamId,
        agentId: agent.id,
        expectedVersion: agent.version,
        changes: {
          ...(fields.has("model") ? { model: hostFragment.model } : {}),
          ...(fields.has("models") ? { models: hostFragment.models } : {}),
          ...(fields.has("params") ? { params: hostFragment.params } : {}),
        },
      });
    }
    for (const agentKey of drifted.hostOnly) {
      const hostAgent = host.agents.get(agentKey);
      if (!hostAgent) continue;
      const created = await insertAgent(tx, {
        teamId,
        gatewayId,
        agentKey,
        name: hostAgent.name ?? agentKey,
        workspace: hostAgent.workspace,
        model: null,
      });
      const settings = agentFragment(hostAgent);
      if (Object.keys(asWritten(settings)).length > 0)
        await updateAgent(tx, {
          teamId,
          agentId: created.id,
          expectedVersion: created.version,
          changes: settings,
        });
    }

    const sides = auditSides(items);
    await recordAuditEvent(tx, {
      ...caller,
      action: "gateway.accept_host",
      target: { type: "gateway", id: gatewayId },
      before: { configHash: comparison.configHash, ...sides.console },
      after: { configHash: comparison.configHash, ...sides.host, kept },
    });
    await gatewayStatusInputsChanged(tx, { teamId, gatewayId, now: now().getTime() });
    return {
      ...answer,
      defaultsFields: drifted.defaultsFields,
      updatedAgentKeys: drifted.onBothSides,
      createdAgentKeys: drifted.hostOnly,
    };
  });
}

/**
 * Queues, in one transaction, the host jobs that turn the host's version (the report the admin saw) into the
 * console's: a `config.patch` of the defaults and of each drifted agent's entry, and `agent.create` (then its
 * settings) for agents only in the console. Agents only on the host are kept: deleting one on the host is a
 * decision of its own. INVALID_STATE when the gateway has no active host agent to apply them.
 */
export function pushConsoleVersion(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { gatewayId: string; configHash: string },
): Promise<PushedConsoleVersion> {
  return inTransaction(db, async (tx) => {
    const { teamId } = caller;
    const { gatewayId } = input;
    const comparison = await compareAsSeen(tx, caller, input);
    if (!(await hasActiveHostAgent(tx, { teamId, gatewayId })))
      throw new DomainError(
        "INVALID_STATE",
        "This gateway has no connected host agent, so nothing can be pushed to the host. Enrol one on the Gateways page, then push.",
      );
    const { items, host } = comparison;
    const drifted = driftScope(items);
    const kept = drifted.hostOnly.map((agentKey) => ({ agentKey, reason: KEPT_HOST_ONLY }));
    const change = { tx, caller, now: now() };
    const queuedJobs: PushedConsoleVersion["queuedJobs"] = [];
    const queued = (job: { id: string; kind: string } | null, agentKey: string | null) => {
      if (job) queuedJobs.push({ jobId: job.id, kind: job.kind, agentKey });
    };

    if (drifted.defaultsFields.length > 0)
      queued(
        await queueGatewayDefaultsChange(change, {
          gatewayId,
          before: host.defaults,
          after: defaultsFragment(comparison.defaults),
          what: "push the console's gateway defaults over the host's",
        }),
        null,
      );
    const consoleAgents = new Map(comparison.agents.map((agent) => [agent.agentKey, agent]));
    for (const agentKey of drifted.onBothSides) {
      const agent = consoleAgents.get(agentKey);
      if (!agent) continue;
      queued(
        await queueAgentFragmentChange(change, {
          agent: { ...agent, gatewayId },
          before: hostSettingsOf(host, agentKey),
          after: agentFragment(agent),
          what: `push the console's model and params of agent ${agentKey} over the host's`,
        }),
        agentKey,
      );
    }
    for (const agentKey of drifted.consoleOnly) {
      const agent = consoleAgents.get(agentKey);
      if (!agent) continue;
      const creation = await queueAgentCreation(change, { ...agent, gatewayId });
      queued(creation, agentKey);
      // why: `agents.create` writes the model only when it is a plain ref; the rest of the entry follows as a patch.
      const createdModel = creation?.payload.kind === "agent.create" ? creation.payload.model : null;
      queued(
        await queueAgentFragmentChange(change, {
          agent: { ...agent, gatewayId },
          before: { ...NO_AGENT_SETTINGS, model: createdModel },
          after: agentFragment(agent),
          what: `settings of agent ${agentKey} pushed from the console`,
        }),
        agentKey,
      );
    }

    if (queuedJobs.length > 0) {
      const sides = auditSides(
        items.filter((item) => !(item.scope === "agent" && drifted.hostOnly.includes(item.agentKey))),
      );
      await recordAuditEvent(tx, {
        ...caller,
        action: "gateway.push_console",
        target: { type: "gateway", id: gatewayId },
        before: { configHash: comparison.configHash, ...sides.host },
        after: { ...sides.console, queuedJobIds: queuedJobs.map((job) => job.jobId), kept },
      });
    }
    return { configHash: comparison.configHash, queuedJobs, kept };
  });
}
