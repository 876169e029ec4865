import { recoveryHintFor } from "../auth-usage/unusable-profiles";
import type { FleetAgentVerdict } from "../fleet/fleet-status";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import { checkExitCode } from "../models-status/models-status-check";
import type { CheckExitCode, ModelsStatus } from "../models-status/models-status-report";
import {
  type ModelsStatusV2026_3_23,
  type ModelsStatusV2026_5_28,
  type ParsedModelsStatusReport,
  type ReportProblem,
  type ReportedStatusVersion,
  parseModelsStatusReport,
} from "../models-status/models-status-report.schema";
import { renderModelsStatusText } from "../models-status/render-models-status-text";

/**
 * What the status tab shows for one stored snapshot body: the status in the 2026.9.6 layout (older
 * reports are lifted into it), its `--check` code by the rule of the CLI that printed it, and OpenClaw's
 * text rendering; or the CLI's refusal; or, for a body no longer readable, why.
 */
export type StatusSnapshotView =
  | {
      kind: "status";
      /** The CLI generation that printed it (computed snapshots are 2026.9.6). */
      version: ReportedStatusVersion;
      status: ModelsStatus;
      check: CheckExitCode;
      text: string;
    }
  | { kind: "cli-error"; message: string; check: 1 }
  | { kind: "unreadable"; problem: ReportProblem };

type LegacyStatus = ModelsStatusV2026_5_28 | ModelsStatusV2026_3_23;

/** The host's home: the part before `/.openclaw/openclaw.json` (OpenClaw's default layout), else the hint. */
function homeOf(status: { configPath: string }, homeHint: string): string {
  const marker = status.configPath.lastIndexOf("/.openclaw/");
  return marker > 0 ? status.configPath.slice(0, marker) : homeHint;
}

/**
 * A 2026.3/2026.5 report in the 2026.9.6 layout: no utility model, no route issues, runtime routes as
 * printed (2026.5) or none (2026.3), recovery hints by OpenClaw's rule, and, where 2026.3 printed no
 * `effectiveProfiles`, every profile of the provider in store order.
 */
function liftLegacyStatus(status: LegacyStatus): ModelsStatus {
  const { auth } = status;
  return {
    ...status,
    utilityModel: { ref: null, source: "none" },
    auth: {
      ...auth,
      modelRouteIssues: [],
      runtimeAuthRoutes: "runtimeAuthRoutes" in auth ? auth.runtimeAuthRoutes : [],
      unusableProfiles: auth.unusableProfiles.map((profile) => ({
        ...profile,
        recoveryHint: recoveryHintFor({
          kind: profile.kind,
          reason: profile.reason,
          provider: profile.provider ?? profile.profileId.split(":")[0] ?? "",
          profileId: profile.profileId,
        }),
      })),
      oauth: {
        ...auth.oauth,
        providers: auth.oauth.providers.map((provider) => ({
          ...provider,
          effectiveProfiles: "effectiveProfiles" in provider ? provider.effectiveProfiles : provider.profiles,
        })),
      },
    },
  };
}

/**
 * `--check` as ≤ 2026.5 computed it (facts §1.1): 1 if a provider in use is missing or its health rollup is
 * `expired`/`missing` (unless an env or config key covers it); else 2 if one is `expiring`; else 0.
 */
export function legacyCheckExitCode(status: LegacyStatus): CheckExitCode {
  if (status.auth.missingProvidersInUse.length > 0) return 1;
  const lookup = new Map(Object.entries(status.aliases).map(([alias, ref]) => [alias.toLowerCase(), ref]));
  const refs = [
    status.resolvedDefault,
    ...status.fallbacks,
    ...(status.imageModel ? [status.imageModel] : []),
    ...status.imageFallbacks,
  ];
  const inUse = new Set(refs.map((raw) => parseModelRef(resolveModelRef(raw, lookup) ?? "")?.provider));
  const keyed = new Set(
    status.auth.providers
      .filter((row) => row.effective.kind === "env" || row.effective.kind === "models.json")
      .map((row) => row.provider),
  );
  const rollups = status.auth.oauth.providers
    .filter((health) => inUse.has(health.provider) && !keyed.has(health.provider))
    .map((health) => health.status);
  if (rollups.some((rollup) => rollup === "expired" || rollup === "missing")) return 1;
  return rollups.includes("expiring") ? 2 : 0;
}

/** Reads a stored snapshot body for display; `homeHint` (the gateway's home) shortens non-default paths. */
export function viewStatusSnapshot(body: unknown, homeHint: string): StatusSnapshotView {
  const parsed = parseModelsStatusReport(body);
  if (!parsed.ok) return { kind: "unreadable", problem: parsed.problem };
  const { report } = parsed;
  if (report.kind === "cli-error")
    return { kind: "cli-error", message: report.envelope.error.message, check: 1 };
  const status = report.version === "2026.9.6" ? report.status : liftLegacyStatus(report.status);
  const check =
    report.version === "2026.9.6" ? checkExitCode(report.status) : legacyCheckExitCode(report.status);
  return {
    kind: "status",
    version: report.version,
    status,
    check,
    text: renderModelsStatusText(status, homeOf(status, homeHint)),
  };
}

const VERDICT_OF_CHECK: Record<CheckExitCode, FleetAgentVerdict> = { 0: "ok", 2: "expiring", 1: "failing" };

/**
 * The fleet verdict of a host's report: what its `--check` would exit with (older versions by their own
 * rule), or `refused` for a CLI error envelope. Compared with the computed verdict to show drift.
 */
export function reportedVerdictOf(report: ParsedModelsStatusReport): FleetAgentVerdict {
  if (report.kind === "cli-error") return "refused";
  return VERDICT_OF_CHECK[
    report.version === "2026.9.6" ? checkExitCode(report.status) : legacyCheckExitCode(report.status)
  ];
}
