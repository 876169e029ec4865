// An operator's stored auth order for one agent and provider, checked as OpenClaw's `models.authOrderSet` checks it
// (facts §5, openclaw-gateway.md §5): the list names every profile of that provider the agent can use, each once;
// `null` clears the override, and the order falls back to config `auth.order`, then round robin (facts §2.4).
import { z } from "zod";

export const storedOrderEditSchema = z.object({
  provider: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]*$/u, "Not a provider id."),
  profileIds: z.array(z.string().min(1)).min(1, "List at least one profile, or clear the order.").nullable(),
});
export type StoredOrderEdit = z.infer<typeof storedOrderEditSchema>;

/**
 * Why OpenClaw would refuse this order, in its words where it has them, or null when it is a valid full order.
 * `available` are the provider's profiles the agent can use (its own store over the shared one).
 */
export function storedOrderProblem(edit: StoredOrderEdit, available: readonly string[]): string | null {
  if (edit.profileIds === null) return null;
  const seen = new Set<string>();
  for (const profileId of edit.profileIds) {
    if (seen.has(profileId)) return `profileIds must be unique (${profileId} is listed twice)`;
    seen.add(profileId);
    if (!available.includes(profileId))
      return `${profileId} is not an available ${edit.provider} profile for this agent`;
  }
  if (seen.size !== available.length)
    return `profileIds must include every available profile for provider ${edit.provider}`;
  return null;
}

/**
 * The list an auth order editor starts from: the resolved order (facts §2.4), then the profiles it leaves out, then
 * any other available one, each once and only if `available` (so saving it unchanged passes {@link storedOrderProblem}).
 */
export function storedOrderDraftOf(
  resolved: { profileIds: readonly string[]; excluded: readonly { profileId: string }[] },
  available: readonly string[],
): string[] {
  const candidates = [
    ...resolved.profileIds,
    ...resolved.excluded.map((entry) => entry.profileId),
    ...available,
  ];
  return [...new Set(candidates)].filter((profileId) => available.includes(profileId));
}
