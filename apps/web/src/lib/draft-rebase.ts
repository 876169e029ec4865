/**
 * Reapplying a form draft after someone else saved first. The draft was started from `base`; `latest` is what the
 * server holds now. A group of fields the user left as they were in `base` takes its values from `latest`, so
 * "reapply my changes" writes the user's changes on top of theirs instead of putting back what they replaced.
 * Fields that only mean something together (a model's primary and its fallbacks) form one group: it is the
 * user's as a whole when any of its fields changed.
 */

const sameValue = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/**
 * `draft` with every group of fields the user did not change since `base` taken from `latest`. A field named in
 * no group is a group of its own.
 */
export function rebaseDraft<T extends Record<string, unknown>>(
  draft: T,
  base: T,
  latest: T,
  groups: readonly (readonly (keyof T)[])[] = [],
): T {
  const grouped = new Set(groups.flat());
  const allGroups = [
    ...groups,
    ...(Object.keys(draft) as (keyof T)[]).filter((field) => !grouped.has(field)).map((field) => [field]),
  ];
  const rebased = { ...draft };
  for (const group of allGroups) {
    const untouched = group.every((field) => sameValue(draft[field], base[field]));
    if (untouched) for (const field of group) rebased[field] = latest[field];
  }
  return rebased;
}
