import type { ProfileHealth, ProviderHealth } from "../auth-profiles/profile-health";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import { modelRefsInUse } from "./model-routes";
import type { CheckExitCode, ModelRouteIssue, ModelsStatus, RuntimeAuthRoute } from "./models-status-report";

function providersInUse(status: ModelsStatus): Set<string> {
  const lookup = new Map(Object.entries(status.aliases).map(([alias, ref]) => [alias.toLowerCase(), ref]));
  const providers = new Set<string>();
  for (const raw of modelRefsInUse(status)) {
    const provider = parseModelRef(resolveModelRef(raw, lookup) ?? "")?.provider;
    if (provider !== undefined) providers.add(provider);
  }
  return providers;
}

/**
 * The profile a provider's routes would use now: the first effective one that is neither in an unusable
 * window nor an OAuth profile with an expired access token (OpenClaw prefers any profile it can confirm ready,
 * lab capture auth-oauth-expired-refresh-check); failing that the first outside a window, else the first.
 */
function selectedProfile(health: ProviderHealth, unusable: ReadonlySet<string>): ProfileHealth | undefined {
  const available = health.effectiveProfiles.filter((profile) => !unusable.has(profile.profileId));
  return (
    available.find((profile) => !(profile.type === "oauth" && profile.status === "expired")) ??
    available[0] ??
    health.effectiveProfiles[0]
  );
}

/**
 * The id of the profile a provider's routes would use now in `status` (the rule `--check` judges), or null when
 * the provider has no effective profile.
 */
export function selectedProfileId(status: ModelsStatus, health: ProviderHealth): string | null {
  const unusable = new Set(status.auth.unusableProfiles.map((profile) => profile.profileId));
  return selectedProfile(health, unusable)?.profileId ?? null;
}

/**
 * One fact behind the `--check` exit code (facts §1.1), as data. `code` is the exit code it calls for:
 * 1 for a failing route, runtime, provider or selected credential, 2 for a selected credential expiring.
 */
export type CheckFinding =
  | { kind: "route"; code: 1; issue: ModelRouteIssue }
  | { kind: "runtime"; code: 1; route: RuntimeAuthRoute }
  | { kind: "missing_provider"; code: 1; provider: string }
  | {
      kind: "credential";
      code: 1 | 2;
      provider: string;
      /** The profile the provider's routes would use now. */
      profile: ProfileHealth;
      status: "expired" | "missing" | "expiring";
    };

/** The credential finding a profile's health calls for, if any: 1 when expired or missing, 2 when expiring. */
function credentialFinding(provider: string, profile: ProfileHealth): CheckFinding | null {
  if (profile.status === "expired" || profile.status === "missing")
    return { kind: "credential", code: 1, provider, profile, status: profile.status };
  if (profile.status === "expiring")
    return { kind: "credential", code: 2, provider, profile, status: "expiring" };
  return null;
}

/**
 * Every finding of the `--check` rule (`checkStatus`, `list.status-command.ts`): each model-route issue
 * (incompatible, indeterminate, missing auth), each runtime route that is unavailable, each provider in use
 * with no usable auth, then each selected credential that is expired or missing (1) or expiring (2). In that
 * order.
 *
 * The selected credentials are the profiles OpenClaw's auth evaluation selects for the uses
 * (`selectedProfileIds` of a computed outcome): a use served by a config key or an env credential selects
 * none, so expiring profiles beside it do not count (lab captures gen-3-003, gen-3-034). Without them (a
 * status a host reported) each provider in use is judged by its first effective profile outside a window.
 */
export function findCheckFindings(
  status: ModelsStatus,
  selectedProfileIds?: readonly string[],
): CheckFinding[] {
  const { auth } = status;
  const findings: CheckFinding[] = [
    ...auth.modelRouteIssues.map((issue) => ({ kind: "route" as const, code: 1 as const, issue })),
    ...auth.runtimeAuthRoutes
      .filter((route) => route.status === "unavailable")
      .map((route) => ({ kind: "runtime" as const, code: 1 as const, route })),
    ...auth.missingProvidersInUse.map((provider) => ({
      kind: "missing_provider" as const,
      code: 1 as const,
      provider,
    })),
  ];
  if (selectedProfileIds !== undefined) {
    const healthById = new Map(auth.oauth.profiles.map((profile) => [profile.profileId, profile]));
    for (const profileId of selectedProfileIds) {
      const profile = healthById.get(profileId);
      const finding = profile ? credentialFinding(profile.provider, profile) : null;
      if (finding) findings.push(finding);
    }
    return findings;
  }
  const inUse = providersInUse(status);
  const unusable = new Set(auth.unusableProfiles.map((profile) => profile.profileId));
  for (const health of auth.oauth.providers.filter((candidate) => inUse.has(candidate.provider))) {
    const profile = selectedProfile(health, unusable);
    const finding = profile ? credentialFinding(health.provider, profile) : null;
    if (finding) findings.push(finding);
  }
  return findings;
}

/** A finding in the words `--check` reasons use, e.g. `anthropic: selected credential expires within 24 h`. */
export function checkFindingReason(finding: CheckFinding): string {
  switch (finding.kind) {
    case "route":
      return `${finding.issue.provider}/${finding.issue.model}: ${finding.issue.message}`;
    case "runtime": {
      const { route } = finding;
      return `${route.provider} via ${route.runtime}: runtime unavailable${route.runtimeDetail ? ` (${route.runtimeDetail})` : ""}`;
    }
    case "missing_provider":
      return `${finding.provider}: in use with no usable auth`;
    case "credential":
      return finding.status === "expiring"
        ? `${finding.provider}: selected credential expires within 24 h`
        : `${finding.provider}: selected credential is ${finding.status}`;
  }
}

/** The `--check` verdict with the findings behind it, and those findings in words an admin can act on. */
export type CheckVerdict = { code: CheckExitCode; reasons: string[]; findings: CheckFinding[] };

/**
 * The `--check` exit code (facts §1.1) and why: 1 with the failing findings when there are any, else 2
 * with the expiring ones, else 0 (see {@link findCheckFindings}, which says what `selectedProfileIds` are).
 */
export function explainCheck(status: ModelsStatus, selectedProfileIds?: readonly string[]): CheckVerdict {
  const all = findCheckFindings(status, selectedProfileIds);
  const failing = all.filter((finding) => finding.code === 1);
  const code: CheckExitCode = failing.length > 0 ? 1 : all.length > 0 ? 2 : 0;
  const findings = code === 1 ? failing : all;
  return { code, reasons: findings.map(checkFindingReason), findings };
}

export function checkExitCode(status: ModelsStatus, selectedProfileIds?: readonly string[]): CheckExitCode {
  return explainCheck(status, selectedProfileIds).code;
}
