import { formatRemainingShort } from "../auth-usage/format-remaining";
import type {
  AuthProviderOverview,
  ModelRouteIssue,
  ModelsStatus,
  RuntimeAuthRoute,
} from "./models-status-report";
import { commandLine } from "../shell/command-line";
import { shortenHomePath } from "./state-paths";

/** Labels are padded to 14 characters, then `: ` (facts §1.4). */
function field(label: string, value: string): string {
  return `${label.padEnd(14)}: ${value}`;
}

function listOrDash(values: readonly string[]): string {
  return values.length === 0 ? "-" : values.join(", ");
}

function utilityText(status: ModelsStatus): string {
  const { ref, source } = status.utilityModel;
  switch (source) {
    case "provider-default":
      return `${ref ?? "-"} (provider default)`;
    case "config":
      return ref ?? "-";
    case "disabled":
      return "off";
    case "none":
      return "-";
  }
}

function modelLines(status: ModelsStatus): string[] {
  const agentScoped = status.modelConfig !== undefined;
  const defaultLabel = status.modelConfig ? `Default (${status.modelConfig.defaultSource})` : "Default";
  const fallbacksLabel = status.modelConfig
    ? `Fallbacks (${status.fallbacks.length}) (${status.modelConfig.fallbacksSource})`
    : `Fallbacks (${status.fallbacks.length})`;
  const scope = agentScoped ? " (defaults)" : "";
  const defaultText =
    status.defaultModel === status.resolvedDefault
      ? status.resolvedDefault
      : `${status.resolvedDefault} (from ${status.defaultModel})`;
  const aliases = Object.entries(status.aliases).map(([alias, ref]) => `${alias} -> ${ref}`);
  return [
    field(defaultLabel, defaultText),
    field(fallbacksLabel, listOrDash(status.fallbacks)),
    field("Utility model", utilityText(status)),
    field(`Image model${scope}`, status.imageModel ?? "-"),
    field(`Image fallbacks (${status.imageFallbacks.length})${scope}`, listOrDash(status.imageFallbacks)),
    field(`Aliases (${aliases.length})`, listOrDash(aliases)),
    field(
      `Allowed models (${status.allowed.length})`,
      status.allowed.length === 0 ? "all" : status.allowed.join(", "),
    ),
  ];
}

/** A provider row; the profile counts and labels only when the provider has stored profiles (env-only rows do not). */
function providerLine(row: AuthProviderOverview): string {
  const { profiles } = row;
  const parts = [`- ${row.provider} effective=${row.effective.kind}:${row.effective.detail}`];
  if (profiles.count > 0) {
    parts.push(
      `profiles=${profiles.count} (${profiles.oauth} oauth, ${profiles.token} token, ${profiles.apiKey} api-key)`,
    );
    if (profiles.labels.length > 0) parts.push(profiles.labels.join(", "));
  }
  if (row.env) parts.push(`env=${row.env.value}`, `source=${row.env.source}`);
  if (row.modelsJson) parts.push(`models.json=${row.modelsJson.value}`, `source=${row.modelsJson.source}`);
  return parts.join(" | ");
}

function runtimeRouteLine(route: RuntimeAuthRoute): string {
  const parts = [
    `- ${route.provider} via ${route.runtime} uses ${route.authProvider} effective=${route.effective.kind}:${route.effective.detail}`,
    `status=${route.status}`,
  ];
  if (route.authStatus !== undefined) parts.push(`auth=${route.authStatus}`);
  if (route.runtimeStatus !== undefined) parts.push(`runtime=${route.runtimeStatus}`);
  if (route.runtimeDetail !== undefined) parts.push(route.runtimeDetail);
  return parts.join(" | ");
}

function routeIssueLine(issue: ModelRouteIssue): string {
  const ref = `${issue.provider}/${issue.model}`;
  switch (issue.kind) {
    case "incompatible":
      return `- ${ref} [${issue.code}] ${issue.message}`;
    case "indeterminate":
      return `- ${ref} [indeterminate] ${issue.message}`;
    case "missing-auth":
      return `- ${ref} requires ${issue.authRequirement} auth: ${issue.message}`;
  }
}

/**
 * A "Missing auth" line (`buildProviderAuthRecoveryHint`): the login command and `openclaw configure`, plus the
 * env-var advice unless a route of the provider needs subscription auth, which no API key can give.
 */
function missingAuthLine(provider: string, issues: readonly ModelRouteIssue[]): string {
  const login = `Run \`${commandLine(["openclaw", "models", "auth", "login", "--provider", provider])}\``;
  const needsSubscription = issues.some(
    (issue) =>
      issue.kind === "missing-auth" &&
      issue.provider === provider &&
      issue.authRequirement === "subscription",
  );
  return needsSubscription
    ? `- ${provider} ${login} or \`openclaw configure\`.`
    : `- ${provider} ${login}, \`openclaw configure\`, or set an API key env var.`;
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ["", title, ...lines];
}

const HEALTH_WORD = {
  ok: "ok",
  expiring: "expiring",
  expired: "expired",
  missing: "unknown",
  static: "static",
} as const;

function oauthStatusLines(status: ModelsStatus): string[] {
  const lines: string[] = [];
  for (const provider of status.auth.oauth.providers) {
    const subscriptions = provider.profiles.filter((profile) => profile.type !== "api_key");
    if (subscriptions.length === 0) continue;
    lines.push(`- ${provider.provider}`);
    for (const profile of subscriptions) {
      let expiry = "";
      if (profile.status !== "static") {
        expiry =
          profile.remainingMs === undefined
            ? " expires unknown"
            : ` expires in ${formatRemainingShort(profile.remainingMs)}`;
      }
      lines.push(`  - ${profile.label} ${HEALTH_WORD[profile.status]}${expiry}`);
    }
  }
  return lines.length === 0 ? ["- none"] : lines;
}

/**
 * The plain-text report of `openclaw models status` (2026.9.6, no TTY, facts §1.4), line for line.
 * `home` turns absolute paths into OpenClaw's `~/…` form. Ends with a newline.
 */
export function renderModelsStatusText(status: ModelsStatus, home: string): string {
  const { auth } = status;
  const shellEnv = auth.shellEnvFallback.enabled
    ? `on${auth.shellEnvFallback.appliedKeys.length > 0 ? ` (applied: ${auth.shellEnvFallback.appliedKeys.join(", ")})` : ""}`
    : "off";
  const lines = [
    field("Config", shortenHomePath(status.configPath, home)),
    field("Agent dir", shortenHomePath(status.agentDir, home)),
    ...modelLines(status),
    "",
    "Auth overview",
    field("Auth store", shortenHomePath(auth.storePath, home)),
    field("Shell env", shellEnv),
    `Providers w/ OAuth/tokens (${auth.providersWithOAuth.length}): ${listOrDash(auth.providersWithOAuth)}`,
    ...auth.providers.map(providerLine),
    ...section("Runtime auth", auth.runtimeAuthRoutes.map(runtimeRouteLine)),
    ...section("Model route issues", auth.modelRouteIssues.map(routeIssueLine)),
    ...section(
      "Missing auth",
      auth.missingProvidersInUse.map((provider) => missingAuthLine(provider, auth.modelRouteIssues)),
    ),
    ...section(
      "Unavailable auth profiles",
      auth.unusableProfiles.map(
        (profile) =>
          `- ${profile.profileId}${profile.provider === undefined ? "" : ` (${profile.provider})`} ${profile.kind}${
            (profile.classification ?? profile.reason) ? `:${profile.classification ?? profile.reason}` : ""
          } (${formatRemainingShort(profile.remainingMs)}) — ${profile.recoveryHint}`,
      ),
    ),
    "",
    "OAuth/token status",
    ...oauthStatusLines(status),
  ];
  return `${lines.join("\n")}\n`;
}

/** `openclaw models status --plain`: only the resolved default model, then a newline. */
export function renderModelsStatusPlain(status: ModelsStatus): string {
  return `${status.resolvedDefault}\n`;
}
