import { describe, expect, it } from "vitest";
import { generateParityCase } from "./parity-case-generator";
import type { ParityCase } from "./parity-case-generator";
import { candidateRemovals, shrinkCase } from "./parity-case-shrinker";

/** A generated case with some of everything the shrinker can remove. */
function richCase(): ParityCase {
  for (let index = 1; index < 200; index += 1) {
    const candidate = generateParityCase(11, index);
    if (
      candidate.config.kind === "document" &&
      candidate.env.length > 0 &&
      Object.keys(candidate.agentStores).length > 0 &&
      candidate.sharedStore?.state !== undefined
    )
      return candidate;
  }
  throw new Error("seed 11 has no case with config, env, agent stores and shared state");
}

const hasEnv = (parityCase: ParityCase, name: string) => parityCase.env.some(([other]) => other === name);

describe("the parity case shrinker", () => {
  it("offers each removable piece once, and each removal leaves the original untouched", () => {
    const original = richCase();
    const before = JSON.stringify(original);
    const removals = candidateRemovals(original);
    expect(new Set(removals.map((removal) => removal.what)).size).toBe(removals.length);
    expect(removals.some((removal) => removal.what.startsWith("env "))).toBe(true);
    expect(removals.some((removal) => removal.what.startsWith("config "))).toBe(true);
    expect(removals.some((removal) => removal.what.startsWith("profile "))).toBe(true);
    for (const removal of removals) expect(JSON.stringify(removal.apply(original))).not.toBe(before);
    expect(JSON.stringify(original)).toBe(before);
  });

  it("keeps only what the disagreement needs, within the budget of captures", async () => {
    const original = richCase();
    const [kept] = original.env[0] ?? [];
    if (kept === undefined) throw new Error("no env line");
    let captures = 0;
    const stillDisagrees = (candidate: ParityCase) => {
      captures += 1;
      return Promise.resolve(hasEnv(candidate, kept));
    };
    const { shrunk, removed, attempts } = await shrinkCase(original, stillDisagrees, 1_000, () => undefined);
    expect(attempts).toBe(captures);
    expect(shrunk.env.map(([name]) => name)).toEqual([kept]);
    expect(Object.keys(shrunk.agentStores)).toEqual([]);
    expect(removed).not.toContain(`env ${kept}`);
    expect(shrunk.config.kind === "document" ? Object.keys(shrunk.config.value) : null).toEqual([]);
  });

  it("stops at the budget", async () => {
    const { attempts, removed } = await shrinkCase(
      richCase(),
      () => Promise.resolve(true),
      3,
      () => undefined,
    );
    expect(attempts).toBe(3);
    expect(removed).toHaveLength(3);
  });
});
