import { storedOrderProblem } from "../auth-order/stored-order-edit";

/**
 * Which of a source agent's stored auth orders a duplicate can keep. The duplicate gets no own store (secrets are
 * not copied), so it reaches the gateway's shared profiles only: an order keeps the shared ids it lists, and is
 * copied when that list still names every shared profile of its provider, each once (OpenClaw's rule for
 * `models.authOrderSet`); otherwise it is dropped and the duplicate falls back to config `auth.order`, then round
 * robin (facts §2.4).
 */
export function copyableStoredOrders(
  orders: Readonly<Record<string, readonly string[]>>,
  sharedProfiles: readonly { profileId: string; provider: string }[],
): { copied: Record<string, string[]>; dropped: string[] } {
  const copied: Record<string, string[]> = {};
  const dropped: string[] = [];
  for (const [provider, profileIds] of Object.entries(orders).sort(([a], [b]) => a.localeCompare(b))) {
    const available = sharedProfiles
      .filter((profile) => profile.provider === provider)
      .map((profile) => profile.profileId);
    const kept = profileIds.filter((profileId) => available.includes(profileId));
    if (kept.length > 0 && storedOrderProblem({ provider, profileIds: kept }, available) === null)
      copied[provider] = kept;
    else dropped.push(provider);
  }
  return { copied, dropped };
}
