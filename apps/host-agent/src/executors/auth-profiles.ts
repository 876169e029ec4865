// `auth.order.set` (`models.authOrderSet`) and `auth.profile.remove` (`models.authLogout`). Both always pass an
// agentId: with more than one agent OpenClaw refuses without one (facts §5). The shared store is addressed through
// the agent that owns it (see `sharedStoreAgentId`).
import type { Executor } from "./executor-context";
import {
  listAgentIds,
  readAuthStatus,
  requestWhileSettling,
  requireAgent,
  sharedStoreAgentId,
  waitUntilConfigApplied,
} from "./gateway-reads";

export const setAuthOrder: Executor<"auth.order.set"> = async (job, context) => {
  const gateway = await context.gateway();
  await waitUntilConfigApplied(context, gateway);
  requireAgent((await listAgentIds(gateway)).ids, job.agentKey, "models.authOrderSet");
  await requestWhileSettling(context, gateway, "models.authOrderSet", {
    provider: job.provider,
    agentId: job.agentKey,
    ...(job.profileIds ? { profileIds: job.profileIds } : {}),
  });
  await waitUntilConfigApplied(context, gateway);
  return {
    summary: job.profileIds
      ? `Auth order for ${job.provider} on ${job.agentKey}: ${job.profileIds.join(", ")}`
      : `Cleared the stored auth order for ${job.provider} on ${job.agentKey}`,
    agentKey: job.agentKey,
  };
};

export const removeAuthProfiles: Executor<"auth.profile.remove"> = async (job, context) => {
  const gateway = await context.gateway();
  await waitUntilConfigApplied(context, gateway);
  const { ids } = await listAgentIds(gateway);
  if (job.storeAgentKey !== null) requireAgent(ids, job.storeAgentKey, "models.authLogout");
  const agentId = job.storeAgentKey ?? sharedStoreAgentId(ids);
  const profiles = (await readAuthStatus(context, agentId))
    .filter((entry) => entry.provider === job.provider)
    .flatMap((entry) => entry.profiles)
    // An agent's own store holds only what it does not inherit; the shared store is seen as inherited by all.
    .filter((profile) => job.storeAgentKey === null || profile.source !== "inherited");
  const present = job.profileIds.filter((id) => profiles.some((profile) => profile.profileId === id));
  const store = job.storeAgentKey === null ? "the shared store" : `agent ${job.storeAgentKey}'s store`;
  if (present.length === 0)
    return { summary: `${job.profileIds.join(", ")} already gone from ${store}`, alreadyApplied: true };
  await requestWhileSettling(context, gateway, "models.authLogout", {
    provider: job.provider,
    profileIds: present,
    agentId,
  });
  await waitUntilConfigApplied(context, gateway);
  return {
    summary: `Removed ${present.join(", ")} from ${store}`,
    ...(present.length === 1 ? { profileId: present[0] } : {}),
  };
};
