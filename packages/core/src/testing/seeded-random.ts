/**
 * A small seeded pseudo-random source for generated test data: the same seed always yields the same
 * sequence, so a failing property test names a seed that reproduces it. Not for anything secret.
 */
export type SeededRandom = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements of `items` (all of them when it has fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
};

/**
 * Mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state word, full period 2^32, and output good
 * enough for choosing test cases. The seed is taken modulo 2^32.
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick needs a non-empty list");
    return items[integer(0, items.length - 1)] as T;
  };
  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      const chosen: T[] = [];
      while (chosen.length < count && pool.length > 0)
        chosen.push(...pool.splice(integer(0, pool.length - 1), 1));
      return chosen;
    },
  };
}
