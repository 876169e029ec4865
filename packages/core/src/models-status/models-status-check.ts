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
    health.effectiveProfiles.find((profile) => !unusable.has(profile.profileId)) ?? health.effectiveProfiles[0];
  return selected?.status;
}

/**
 * The `--check` exit code (facts §1.1), computed from the status object alone so that it also applies to a
 * status a gateway reported: 1 when a route is incompatible, indeterminate or missing auth, a runtime route
 * is unavailable, a provider in use is missing, or a provider in use would select an expired or missing
 * profile; else 2 when one would select an expiring profile; else 0.
 */
export function checkExitCode(status: ModelsStatus): CheckExitCode {
  const { auth } = status;
  if (auth.modelRouteIssues.length > 0) return 1;
  if (auth.runtimeAuthRoutes.some((route) => route.status === "unavailable")) return 1;
  if (auth.missingProvidersInUse.length > 0) return 1;
  const inUse = providersInUse(status);
  const unusable = new Set(auth.unusableProfiles.map((profile) => profile.profileId));
  const selectedStatuses = auth.oauth.providers
    .filter((health) => inUse.has(health.provider))
    .map((health) => selectedProfileStatus(health, unusable));
  if (selectedStatuses.some((selected) => selected === "expired" || selected === "missing")) return 1;
  return selectedStatuses.includes("expiring") ? 2 : 0;
}
