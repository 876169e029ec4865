import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { CheckExitCode, ModelsStatusOutcome } from "../models-status/models-status-report";
import { explainCheck } from "../models-status/models-status-check";
import { credentialTimelineOf } from "./credential-timeline";

/** One agent's computed status, with what the fleet page needs to name and link it. */
export type FleetAgentStatus = {
  agentId: string;
  agentName: string;
  gatewayId: string;
  gatewayName: string;
  outcome: ModelsStatusOutcome;
};

/** `ok` / `expiring` / `failing` are the `--check` codes 0 / 2 / 1; `refused` is a CLI error envelope. */
export type FleetAgentVerdict = "ok" | "expiring" | "failing" | "refused";

const VERDICT_OF_CODE: Record<CheckExitCode, FleetAgentVerdict> = { 0: "ok", 2: "expiring", 1: "failing" };

export function fleetVerdictOf(outcome: ModelsStatusOutcome): {
  verdict: FleetAgentVerdict;
  reasons: string[];
} {
  if (!outcome.ok) return { verdict: "refused", reasons: [outcome.error.message] };
  const { code, reasons } = explainCheck(outcome.status);
  return { verdict: VERDICT_OF_CODE[code], reasons };
}

export type FleetUnusableProfile = {
  gatewayId: string;
  gatewayName: string;
  profileId: string;
  provider: string | null;
  kind: "cooldown" | "disabled";
  reason: string | null;
  recoveryHint: string;
  until: number;
  agentCount: number;
};

export type FleetExpiringCredential = {
  gatewayId: string;
  gatewayName: string;
  profileId: string;
  provider: string;
  type: AuthProfileType;
  expiresAt: number;
  expired: boolean;
  agentCount: number;
};

export type FleetStatusSummary = {
  counts: Record<FleetAgentVerdict, number> & { total: number };
  /** Agents that are not ok, worst first, with the reasons `--check` would give. */
  attention: {
    agentId: string;
    agentName: string;
    gatewayName: string;
    verdict: FleetAgentVerdict;
    reasons: string[];
  }[];
  unusableProfiles: FleetUnusableProfile[];
  expiringCredentials: FleetExpiringCredential[];
  missingProviders: { provider: string; agentCount: number }[];
};

/** Counts one more agent for the entry at `key`, creating it on first sight (one entry per gateway and profile). */
function countAgent<T extends { agentCount: number }>(
  entries: Map<string, T>,
  key: string,
  create: () => Omit<T, "agentCount">,
): void {
  const known = entries.get(key);
  if (known) known.agentCount += 1;
  else entries.set(key, { ...create(), agentCount: 1 } as T);
}

export const EXPIRY_HORIZON_MS = 7 * 24 * 60 * 60 * 1000;
const VERDICT_RANK: Record<FleetAgentVerdict, number> = { refused: 0, failing: 1, expiring: 2, ok: 3 };

/**
 * The fleet roll-up of `models status --check` (facts §1.1): how many agents are ok, expiring or failing
 * and why; every profile in a cooldown or disable window (facts §2.6) once per gateway with how many
 * agents reach it; every token or OAuth sign-in expiring within `horizonMs` (or already expired); and
 * the providers in use with no auth.
 */
export function summarizeFleetStatus(
  agents: readonly FleetAgentStatus[],
  { now, horizonMs = EXPIRY_HORIZON_MS }: { now: number; horizonMs?: number },
): FleetStatusSummary {
  const counts = { ok: 0, expiring: 0, failing: 0, refused: 0, total: agents.length };
  const attention: FleetStatusSummary["attention"] = [];
  const unusable = new Map<string, FleetUnusableProfile>();
  const expiring = new Map<string, FleetExpiringCredential>();
  const missing = new Map<string, number>();

  for (const agent of agents) {
    const { verdict, reasons } = fleetVerdictOf(agent.outcome);
    counts[verdict] += 1;
    if (verdict !== "ok")
      attention.push({
        agentId: agent.agentId,
        agentName: agent.agentName,
        gatewayName: agent.gatewayName,
        verdict,
        reasons,
      });
    if (!agent.outcome.ok) continue;
    const { auth } = agent.outcome.status;
    const { expiries, windows } = credentialTimelineOf(agent.outcome);
    for (const window of windows) {
      if (window.until <= now) continue;
      countAgent(unusable, `${agent.gatewayId}\u0000${window.profileId}`, () => ({
        gatewayId: agent.gatewayId,
        gatewayName: agent.gatewayName,
        ...window,
      }));
    }
    for (const expiry of expiries) {
      if (expiry.expiresAt > now + horizonMs) continue;
      countAgent(expiring, `${agent.gatewayId}\u0000${expiry.profileId}`, () => ({
        gatewayId: agent.gatewayId,
        gatewayName: agent.gatewayName,
        ...expiry,
        expired: expiry.expiresAt <= now,
      }));
    }
    for (const provider of auth.missingProvidersInUse)
      missing.set(provider, (missing.get(provider) ?? 0) + 1);
  }

  attention.sort(
    (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || a.agentName.localeCompare(b.agentName),
  );
  return {
    counts,
    attention,
    unusableProfiles: [...unusable.values()].sort((a, b) => a.until - b.until),
    expiringCredentials: [...expiring.values()].sort((a, b) => a.expiresAt - b.expiresAt),
    missingProviders: [...missing.entries()]
      .map(([provider, agentCount]) => ({ provider, agentCount }))
      .sort((a, b) => a.provider.localeCompare(b.provider)),
  };
}

/**
 * `--check` across a fleet, as one exit code with OpenClaw's meaning (facts §1.1): 1 when any agent fails
 * (a refusal counts as failing, as the CLI exits 1 on it), else 2 when any agent's credential expires within
 * 24 h, else 0.
 */
export function fleetCheckExitCode(counts: Record<FleetAgentVerdict, number>): CheckExitCode {
  if (counts.failing > 0 || counts.refused > 0) return 1;
  return counts.expiring > 0 ? 2 : 0;
}
