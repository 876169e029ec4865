/**
 * Shrinks a disagreeing parity case: removes one piece at a time (an agent's store, a profile, a runtime-state
 * entry, an env line, a config key) and keeps a removal only when the real CLI and Clawfleet still disagree
 * on the same parts, within a budget of real-CLI captures. What is left is the smallest input found that
 * still shows the disagreement.
 */
import type { Json, JsonObject, ParityCase } from "./parity-case-generator";

/** One candidate removal: a description for the report and the smaller case it gives. */
export type Removal = { what: string; apply: (parityCase: ParityCase) => ParityCase };

const clone = (parityCase: ParityCase): ParityCase => structuredClone(parityCase);

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Paths of removable keys in a config object, deepest first (so whole blocks go after their parts fail). */
function configKeyPaths(value: JsonObject, prefix: string[] = [], depth = 0): string[][] {
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = [...prefix, key];
    if (isObject(child) && depth < 3) paths.push(...configKeyPaths(child, at, depth + 1));
    paths.push(at);
  }
  return paths;
}

function withoutPath(value: JsonObject, at: readonly string[]): void {
  let parent: Json | undefined = value;
  for (const key of at.slice(0, -1)) parent = isObject(parent) ? parent[key] : undefined;
  if (isObject(parent)) delete parent[at.at(-1) ?? ""];
}

/** Every single removal that could make the case smaller, largest pieces first. */
export function candidateRemovals(parityCase: ParityCase): Removal[] {
  const removals: Removal[] = [];
  for (const agentId of Object.keys(parityCase.agentStores)) {
    removals.push({
      what: `agent ${agentId}'s own store`,
      apply: (current) => {
        const next = clone(current);
        delete next.agentStores[agentId];
        return next;
      },
    });
  }
  const stores: [string, (current: ParityCase) => ParityCase["sharedStore"]][] = [
    ["shared store", (current) => current.sharedStore],
    ...Object.keys(parityCase.agentStores).map(
      (agentId): [string, (current: ParityCase) => ParityCase["sharedStore"]] => [
        `agent ${agentId}'s store`,
        (current) => current.agentStores[agentId] ?? null,
      ],
    ),
  ];
  for (const [label, storeOf] of stores) {
    const store = storeOf(parityCase);
    const profiles = store?.profiles?.profiles;
    for (const profileId of isObject(profiles) ? Object.keys(profiles) : []) {
      removals.push({
        what: `profile ${profileId} from the ${label}`,
        apply: (current) => {
          const next = clone(current);
          const held = storeOf(next)?.profiles?.profiles;
          if (isObject(held)) delete held[profileId];
          return next;
        },
      });
    }
    if (store?.state) {
      for (const key of ["order", "lastGood"]) {
        if (store.state[key] === undefined) continue;
        removals.push({
          what: `${key} from the ${label}'s state`,
          apply: (current) => {
            const next = clone(current);
            const state = storeOf(next)?.state;
            if (state) delete state[key];
            return next;
          },
        });
      }
      const usage = store.state.usageStats;
      for (const profileId of isObject(usage) ? Object.keys(usage) : []) {
        removals.push({
          what: `usage of ${profileId} from the ${label}'s state`,
          apply: (current) => {
            const next = clone(current);
            const rows = storeOf(next)?.state?.usageStats;
            if (isObject(rows)) delete rows[profileId];
            return next;
          },
        });
      }
    }
  }
  for (const [name] of parityCase.env) {
    removals.push({
      what: `env ${name}`,
      apply: (current) => ({ ...clone(current), env: current.env.filter(([other]) => other !== name) }),
    });
  }
  if (parityCase.config.kind === "document") {
    for (const at of configKeyPaths(parityCase.config.value)) {
      removals.push({
        what: `config ${at.join(".")}`,
        apply: (current) => {
          const next = clone(current);
          if (next.config.kind === "document") withoutPath(next.config.value, at);
          return next;
        },
      });
    }
  }
  return removals;
}

/**
 * Greedy one-at-a-time shrinking: `stillDisagrees` captures a candidate with the real CLI and compares it;
 * it is called at most `budget` times.
 */
export async function shrinkCase(
  parityCase: ParityCase,
  stillDisagrees: (candidate: ParityCase) => Promise<boolean>,
  budget: number,
  log: (line: string) => void,
): Promise<{ shrunk: ParityCase; removed: string[]; attempts: number }> {
  let current = parityCase;
  const removed: string[] = [];
  let attempts = 0;
  const tried = new Set<string>();
  let progress = true;
  while (progress && attempts < budget) {
    progress = false;
    for (const removal of candidateRemovals(current)) {
      if (attempts >= budget) break;
      if (tried.has(removal.what)) continue;
      tried.add(removal.what);
      attempts += 1;
      const candidate = removal.apply(current);
      if (await stillDisagrees(candidate)) {
        log(`  shrink: removed ${removal.what}`);
        removed.push(removal.what);
        current = candidate;
        progress = true;
      } else {
        log(`  shrink: kept ${removal.what}`);
      }
    }
  }
  return { shrunk: current, removed, attempts };
}
