import type { ProfileHealth, ProviderHealth } from "../auth-profiles/profile-health";
import type { UnusableProfile } from "../auth-usage/unusable-profiles";
import type { ModelSelectionReport } from "../model-selection/resolve-model-selection";

/**
 * The `openclaw models status --json` object of OpenClaw 2026.9.6 (facts §1.2, §1.3). Key order in these
 * types is the CLI's, and the builder creates objects in that order, so `JSON.stringify` matches it.
 */

export type AuthEffectiveKind = "profiles" | "env" | "models.json" | "synthetic" | "missing";

/** How a provider is authenticated: the kind and a display detail (store path, masked key, `missing`). */
export type AuthEffective = { kind: AuthEffectiveKind; detail: string };

export type ValueWithSource = { value: string; source: string };

/** `auth.providers[]` (`list.auth-overview.ts`). */
export type AuthProviderOverview = {
  provider: string;
  effective: AuthEffective;
  profiles: { count: number; oauth: number; token: number; apiKey: number; labels: string[] };
  env?: ValueWithSource;
  modelsJson?: ValueWithSource;
  syntheticAuth?: ValueWithSource;
};

export type AuthRequirement = "api-key" | "subscription";

/** `auth.modelRouteIssues[]` (new in 2026.7). */
export type ModelRouteIssue =
  | { kind: "incompatible"; provider: string; model: string; code: string; message: string }
  | { kind: "indeterminate"; provider: string; model: string; evidence?: unknown; message: string }
  | {
      kind: "missing-auth";
      provider: string;
      model: string;
      authRequirement: AuthRequirement;
      message: string;
    };

export type RuntimeAuthRouteStatus = "usable" | "missing" | "indeterminate" | "unavailable";

/** `auth.runtimeAuthRoutes[]`: a route whose auth another runtime owns (e.g. OpenAI on the Codex harness). */
export type RuntimeAuthRoute = {
  provider: string;
  runtime: string;
  authProvider: string;
  status: RuntimeAuthRouteStatus;
  effective: AuthEffective;
  authStatus?: "usable" | "missing" | "indeterminate";
  runtimeStatus?: "unavailable";
  runtimeReason?: string;
  runtimeDetail?: string;
  runtimePluginIds?: string[];
};

export type ModelsStatusAuth = {
  storePath: string;
  shellEnvFallback: { enabled: boolean; appliedKeys: string[] };
  providersWithOAuth: string[];
  missingProvidersInUse: string[];
  modelRouteIssues: ModelRouteIssue[];
  runtimeAuthRoutes: RuntimeAuthRoute[];
  providers: AuthProviderOverview[];
  unusableProfiles: UnusableProfile[];
  oauth: { warnAfterMs: number; profiles: ProfileHealth[]; providers: ProviderHealth[] };
};

/**
 * The whole object. Keys come in this order: `configPath`, `agentId?`, `agentDir`, the model fields of
 * {@link ModelSelectionReport} (`defaultModel` … `allowed`), then `auth`.
 */
export type ModelsStatus = {
  configPath: string;
  agentId?: string;
  agentDir: string;
} & ModelSelectionReport & {
    auth: ModelsStatusAuth;
  };

/** What the CLI prints on stdout under `--json` when it refuses (fixtures 06 and 08); exit code 1. */
export type CliErrorEnvelope = { ok: false; error: { type: "cli_error"; message: string } };

export function cliErrorEnvelope(message: string): CliErrorEnvelope {
  return { ok: false, error: { type: "cli_error", message } };
}

/** `--check` exit codes (facts §1.1): 0 fine, 1 missing/expired/unavailable/incompatible/indeterminate, 2 expiring. */
export type CheckExitCode = 0 | 1 | 2;

/**
 * A computed status, with what OpenClaw's `--check` judges beyond the printed object: the profiles its auth
 * evaluation selects for the uses in model order (see `RouteAuthFindings`). A status a host reported, or one
 * stored before Clawfleet kept them, has none, and `--check` falls back to judging each provider's first
 * effective profile.
 */
export type ModelsStatusOutcome =
  { ok: true; status: ModelsStatus; selectedProfileIds?: string[] } | CliErrorEnvelope;
