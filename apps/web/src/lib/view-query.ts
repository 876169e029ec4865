/** The view part of a URL query: only `keys`, sorted, so one view has one spelling. */
export function viewQueryOf(params: URLSearchParams, keys: readonly string[]): string {
  const kept = new URLSearchParams();
  for (const key of keys) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  kept.sort();
  return kept.toString();
}
