import { z } from "zod";

import extracted from "./openclaw-config-keys.v2026.9.6.json" with { type: "json" };

/**
 * The keys OpenClaw 2026.9.6's config schema accepts, in its own order (extracted from the package by
 * `scripts/extract-openclaw-config-keys.mjs`). An object node lists its keys; a record node describes its
 * values; an array node its items; `null` means "not described here" (any value passes this layer).
 */
export type ConfigKeyNode =
  | { closed: boolean; keys: Record<string, ConfigKeyNode | null> }
  | { record: ConfigKeyNode }
  | { items: ConfigKeyNode };

export const OPENCLAW_CONFIG_KEYS_VERSION: string = extracted.openclawVersion;
const rootNode = extracted.tree as ConfigKeyNode;

/**
 * The node at `path` (`"*"` steps into a record's values, `"[]"` into an array's items). Throws when the
 * extracted data lacks it: the schema below is built from these nodes at load time, so a re-extraction
 * that moved a subtree fails every test at once instead of silently accepting unknown keys.
 */
export function configKeyNodeAt(path: readonly string[]): Extract<ConfigKeyNode, { keys: unknown }> {
  let node: ConfigKeyNode | null = rootNode;
  for (const step of path) {
    if (node === null) break;
    if (step === "*") node = "record" in node ? node.record : null;
    else if (step === "[]") node = "items" in node ? node.items : null;
    else node = "keys" in node ? (node.keys[step] ?? null) : null;
  }
  if (node === null || !("keys" in node))
    throw new Error(`OpenClaw config key data has no object at ${path.join(".") || "<root>"}`);
  return node;
}

/** A zod schema that checks only the keys of `node`'s objects, at any depth it describes. */
function keysOnlySchema(node: ConfigKeyNode | null): z.ZodType {
  if (node === null) return z.unknown();
  if ("record" in node) return z.record(z.string(), keysOnlySchema(node.record));
  if ("items" in node) return z.array(keysOnlySchema(node.items));
  return objectWithOpenClawKeys(node, {});
}

/**
 * An object schema with OpenClaw's keys in OpenClaw's order, so zod reports problems in the order OpenClaw's
 * own zod pass does (each property in shape order, then the object's unknown keys). `typed` gives the
 * schemas of the keys Clawfleet reads; the others only have their own keys checked. Keys Clawfleet still
 * reads but OpenClaw's schema no longer lists (legacy `agents.list`) go last.
 */
export function objectWithOpenClawKeys<Typed extends z.core.$ZodLooseShape>(
  node: Extract<ConfigKeyNode, { keys: unknown }>,
  typed: Typed,
): z.ZodObject<Typed, z.core.$loose> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of Object.entries(node.keys))
    shape[key] = (typed[key] as z.ZodType | undefined) ?? keysOnlySchema(child).optional();
  for (const [key, schema] of Object.entries(typed)) if (!(key in shape)) shape[key] = schema as z.ZodType;
  // why: typed as loose (its other keys are values Clawfleet does not read), checked as OpenClaw checks it.
  return (node.closed ? z.strictObject(shape) : z.looseObject(shape)) as unknown as z.ZodObject<
    Typed,
    z.core.$loose
  >;
}
