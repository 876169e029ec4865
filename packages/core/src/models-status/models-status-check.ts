import type { ProviderHealth } from "../auth-profiles/profile-health";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import { modelRefsInUse } from "./model-routes";
import type { CheckExitCode, ModelsStatus } from "./models-status-report";

function providersInUse(status: ModelsStatus): Set<string> {
  const lookup = new Map(Object.entries(status.aliases).map(([alias, ref]) => [alias.toLowerCase(), ref]));
  const providers = new Set<string>();
  for (const raw of modelRefsInUse(status)) {
    const provider = parseModelRef(resolveModelRef(raw, lookup) ?? "")?.provider;
    if (provider !== undefined) providers.add(provider);
  }
  return providers;
}

/** The profile a provider's routes would use now: the first effective one not in an unusable window. */
function selectedProfileStatus(health: ProviderHealth, unusable: ReadonlySet<string>) {
  const selected =
    health.effectiveProfiles.find((profile) => !unusable.has(profile.profileId)) ??
    health.effectiveProfiles[0];
  return selected?.status;
}

/** The `--check` verdict with the findings behind it, in words an admin can act on. */
export type CheckVerdict = { code: CheckExitCode; reasons: string[] };

/**
 * The `--check` exit code (facts §1.1) and why, computed from the status object alone so that it also
 * applies to a status a gateway reported: 1 when a route is incompatible, indeterminate or missing auth, a
 * runtime route is unavailable, a provider in use is missing, or a provider in use would select an expired
 * or missing profile; else 2 when one would select an expiring profile; else 0.
 */
export function explainCheck(status: ModelsStatus): CheckVerdict {
  const { auth } = status;
  const failing: string[] = [
    ...auth.modelRouteIssues.map((issue) => `${issue.provider}/${issue.model}: ${issue.message}`),
    ...auth.runtimeAuthRoutes
      .filter((route) => route.status === "unavailable")
      .map(
        (route) =>
          `${route.provider} via ${route.runtime}: runtime unavailable${route.runtimeDetail ? ` (${route.runtimeDetail})` : ""}`,
      ),
    ...auth.missingProvidersInUse.map((provider) => `${provider}: in use with no usable auth`),
  ];
  const inUse = providersInUse(status);
  const unusable = new Set(auth.unusableProfiles.map((profile) => profile.profileId));
  const expiring: string[] = [];
  for (const health of auth.oauth.providers.filter((candidate) => inUse.has(candidate.provider))) {
    const selected = selectedProfileStatus(health, unusable);
    if (selected === "expired" || selected === "missing")
      failing.push(`${health.provider}: selected credential is ${selected}`);
    else if (selected === "expiring")
      expiring.push(`${health.provider}: selected credential expires within 24 h`);
  }
  if (failing.length > 0) return { code: 1, reasons: failing };
  return expiring.length > 0 ? { code: 2, reasons: expiring } : { code: 0, reasons: [] };
}

export function checkExitCode(status: ModelsStatus): CheckExitCode {
  return explainCheck(status).code;
}
