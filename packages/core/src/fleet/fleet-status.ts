import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { CheckExitCode, ModelsStatusOutcome } from "../models-status/models-status-report";
import { explainCheck } from "../models-status/models-status-check";

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
  const { code, reasons } = explainCheck(outcome.status, outcome.selectedProfileIds);
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

/** How far ahead the fleet page and the auth matrix look for expiring tokens and OAuth sign-ins. */
export const EXPIRY_HORIZON_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `--check` across a fleet, as one exit code with OpenClaw's meaning (facts §1.1): 1 when any agent fails
 * (a refusal counts as failing, as the CLI exits 1 on it), else 2 when any agent's credential expires within
 * 24 h, else 0.
 */
export function fleetCheckExitCode(counts: Record<FleetAgentVerdict, number>): CheckExitCode {
  if (counts.failing > 0 || counts.refused > 0) return 1;
  return counts.expiring > 0 ? 2 : 0;
}
