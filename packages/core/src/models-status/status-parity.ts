/**
 * The parity comparison between a computed `models status --json` object and a real CLI capture: JSON
 * values and the order of object keys must match exactly, except `remainingMs`, which the real CLI measured
 * a few seconds after `now` (60 s tolerance). Shared by the CLI parity test and the import acceptance tests.
 */

export const REMAINING_MS_TOLERANCE = 60_000;

function remainingDifference(actual: unknown, expected: unknown, at: string): string[] {
  if (typeof actual !== "number" || typeof expected !== "number") return [`${at}: expected a number`];
  return Math.abs(actual - expected) <= REMAINING_MS_TOLERANCE
    ? []
    : [`${at}: ${actual}, expected ${expected} ± 60 s`];
}

/** Every difference between two JSON values, by path: values, types, and the order of object keys. */
export function statusJsonDifferences(actual: unknown, expected: unknown, at = "$"): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array`];
    if (actual.length !== expected.length)
      return [`${at}: length ${actual.length}, expected ${expected.length}`];
    return expected.flatMap((item, index) => statusJsonDifferences(actual[index], item, `${at}[${index}]`));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual))
      return [`${at}: expected an object`];
    const actualKeys = Object.keys(actual);
    const expectedKeys = Object.keys(expected);
    if (actualKeys.join() !== expectedKeys.join())
      return [`${at}: keys [${actualKeys.join(", ")}], expected [${expectedKeys.join(", ")}]`];
    return expectedKeys.flatMap((key) => {
      const actualValue = (actual as Record<string, unknown>)[key];
      const expectedValue = (expected as Record<string, unknown>)[key];
      return key === "remainingMs"
        ? remainingDifference(actualValue, expectedValue, `${at}.${key}`)
        : statusJsonDifferences(actualValue, expectedValue, `${at}.${key}`);
    });
  }
  return Object.is(actual, expected)
    ? []
    : [`${at}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}
