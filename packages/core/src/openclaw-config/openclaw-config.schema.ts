import { z } from "zod";
import { profileIdSchema, providerIdSchema } from "../auth-profiles/openclaw-ids";
import { configKeyNodeAt, objectWithOpenClawKeys } from "./openclaw-config-keys";

/**
 * The parts of `openclaw.json` (2026.9.6, facts §3.2 and the config-schema extract) that model and auth
 * rules read, typed; every object carries OpenClaw's full key list in OpenClaw's order (extracted data, see
 * `openclaw-config-keys.ts`), so an unknown key anywhere in `env`, `agents`, `models` or `auth`, or at the
 * root, is refused as OpenClaw refuses it, and problems come out in OpenClaw's order.
 */

/** OpenClaw's agent id rule (facts §3.2). */
export const AGENT_ID_PATTERN = /^[a-z0-9_][a-z0-9_-]{0,63}$/u;
export const AGENT_ID_MESSAGE = "agent id must match ^[a-z0-9_][a-z0-9_-]{0,63}$";

/** `model`: `"provider/model"` or `{ primary, fallbacks }` (no other keys). */
export const modelSelectionSchema = z.union([
  z.string(),
  z.strictObject({ primary: z.string().optional(), fallbacks: z.array(z.string()).optional() }),
]);
export type ModelSelection = z.infer<typeof modelSelectionSchema>;

export const imageModelSelectionSchema = z.union([
  z.string(),
  z.strictObject({
    primary: z.string().optional(),
    fallbacks: z.array(z.string()).optional(),
    timeoutMs: z.number().int().positive().optional(),
  }),
]);

export const modelParamsRecordSchema = z.record(z.string(), z.unknown());
export type ModelParamsRecord = z.infer<typeof modelParamsRecordSchema>;

export const modelCatalogEntrySchema = objectWithOpenClawKeys(
  configKeyNodeAt(["agents", "defaults", "models", "*"]),
  {
    alias: z.string().optional(),
    params: modelParamsRecordSchema.optional(),
    agentRuntime: z.strictObject({ id: z.string().optional() }).optional(),
    pickerRuntimes: z
      .array(
        z
          .string()
          .min(1)
          .max(128)
          .regex(/^[a-z][a-z0-9-]*$/u),
      )
      .max(8)
      .optional(),
    codeMode: z.boolean().optional(),
    streaming: z.boolean().optional(),
  },
);
export type ModelCatalogEntry = z.infer<typeof modelCatalogEntrySchema>;

/** `models`: `"provider/model"` → alias, params and runtime policy. */
export const modelCatalogSchema = z.record(z.string(), modelCatalogEntrySchema);
export type ModelCatalog = z.infer<typeof modelCatalogSchema>;

const modelPolicySchema = objectWithOpenClawKeys(configKeyNodeAt(["agents", "defaults", "modelPolicy"]), {
  allow: z.array(z.string()).optional(),
});

const thinkingLevelSchema = z.enum([
  "off",
  "minimal",
  "low",
  "medium",
  "high",
  "xhigh",
  "adaptive",
  "max",
  "ultra",
]);
const fastModeSchema = z.union([z.boolean(), z.literal("auto")]);

export const agentDefaultsSchema = objectWithOpenClawKeys(configKeyNodeAt(["agents", "defaults"]), {
  model: modelSelectionSchema.optional(),
  imageModel: imageModelSelectionSchema.optional(),
  utilityModel: z.string().optional(),
  models: modelCatalogSchema.optional(),
  params: modelParamsRecordSchema.optional(),
  modelPolicy: modelPolicySchema.optional(),
  thinkingDefault: thinkingLevelSchema.optional(),
  fastModeDefault: fastModeSchema.optional(),
  reasoningDefault: z.union([z.literal("off"), z.literal("on"), z.literal("stream")]).optional(),
  systemAgent: objectWithOpenClawKeys(configKeyNodeAt(["agents", "defaults", "systemAgent"]), {
    agentId: z.string().min(1).optional(),
  }).optional(),
  authInheritance: objectWithOpenClawKeys(configKeyNodeAt(["agents", "defaults", "authInheritance"]), {
    agentId: z.string().min(1).optional(),
  }).optional(),
});
export type AgentDefaults = z.infer<typeof agentDefaultsSchema>;

const agentSettingsShape = {
  name: z.string().optional(),
  description: z.string().optional(),
  /** Retired in 2026.7+, still read as the legacy "default agent" marker. */
  default: z.boolean().optional(),
  workspace: z.string().optional(),
  agentDir: z.string().optional(),
  model: modelSelectionSchema.optional(),
  utilityModel: z.string().optional(),
  models: modelCatalogSchema.optional(),
  modelPolicy: modelPolicySchema.optional(),
  params: modelParamsRecordSchema.optional(),
  thinkingDefault: thinkingLevelSchema.optional(),
  fastModeDefault: fastModeSchema.optional(),
  // why: OpenClaw words the two differently: a literal union for the defaults, an enum listing "on" first here.
  reasoningDefault: z.enum(["on", "off", "stream"]).optional(),
};

/** `agents.entries.<id>` (2026.7+). */
export const agentEntrySchema = objectWithOpenClawKeys(
  configKeyNodeAt(["agents", "entries", "*"]),
  agentSettingsShape,
);
export type AgentEntry = z.infer<typeof agentEntrySchema>;

/**
 * `agents.list[]` (JSON era, ≤ 2026.6): the same settings with the id inside. OpenClaw migrates the list
 * into `agents.entries` before validating, so each item is checked against the entry keys.
 */
export const legacyAgentListItemSchema = objectWithOpenClawKeys(configKeyNodeAt(["agents", "entries", "*"]), {
  id: z.string().regex(AGENT_ID_PATTERN, AGENT_ID_MESSAGE),
  ...agentSettingsShape,
});

/** A union of literals, as in OpenClaw, so a wrong mode is worded as OpenClaw words it ("Invalid input (allowed: …)"). */
export const authProfileModeSchema = z.union([
  z.literal("api_key"),
  z.literal("aws-sdk"),
  z.literal("oauth"),
  z.literal("token"),
]);
export type AuthProfileMode = z.infer<typeof authProfileModeSchema>;

/** `auth.profiles.<id>`: the config's record of a profile (no secrets). */
export const configAuthProfileSchema = objectWithOpenClawKeys(configKeyNodeAt(["auth", "profiles", "*"]), {
  provider: providerIdSchema,
  mode: authProfileModeSchema,
  email: z.string().optional(),
  displayName: z.string().optional(),
});
export type ConfigAuthProfile = z.infer<typeof configAuthProfileSchema>;

/** `auth`: the 2026.9.6 schema has only `profiles` and `order` (facts §2.2). */
export const configAuthSchema = objectWithOpenClawKeys(configKeyNodeAt(["auth"]), {
  profiles: z.record(profileIdSchema, configAuthProfileSchema).optional(),
  order: z.record(providerIdSchema, z.array(profileIdSchema)).optional(),
});

/** A SecretRef: where OpenClaw resolves a secret at runtime instead of storing it. */
export const secretRefSchema = z.strictObject({
  source: z.enum(["env", "file", "exec", "store"]),
  provider: z.string().optional(),
  id: z.string(),
});
export type SecretRef = z.infer<typeof secretRefSchema>;

/**
 * `env`: `shellEnv` and `vars` only. Top-level variables (`env: { ANTHROPIC_API_KEY: … }`, as older docs
 * show) are refused by 2026.9.6 (`env: Unrecognized key: "ANTHROPIC_API_KEY"`); `env.vars` is the form
 * it accepts (lab cases seed-api-key-env-*).
 */
export const configEnvSchema = objectWithOpenClawKeys(configKeyNodeAt(["env"]), {
  shellEnv: objectWithOpenClawKeys(configKeyNodeAt(["env", "shellEnv"]), {
    enabled: z.boolean().optional(),
  }).optional(),
  vars: z.record(z.string(), z.string()).optional(),
});

export const openClawConfigSchema = objectWithOpenClawKeys(configKeyNodeAt([]), {
  env: configEnvSchema.optional(),
  auth: configAuthSchema.optional(),
  models: objectWithOpenClawKeys(configKeyNodeAt(["models"]), {
    providers: z
      .record(
        z.string(),
        objectWithOpenClawKeys(configKeyNodeAt(["models", "providers", "*"]), {
          apiKey: z.union([z.string(), secretRefSchema]).optional(),
        }),
      )
      .optional(),
  }).optional(),
  agents: objectWithOpenClawKeys(configKeyNodeAt(["agents"]), {
    ownership: z.literal("explicit").optional(),
    defaults: agentDefaultsSchema.optional(),
    entries: z.record(z.string().regex(AGENT_ID_PATTERN, AGENT_ID_MESSAGE), agentEntrySchema).optional(),
    list: z.array(legacyAgentListItemSchema).optional(),
  }).optional(),
});

/** A validated `openclaw.json` (the subset above; other settings kept as they were). */
export type OpenClawConfig = z.infer<typeof openClawConfigSchema>;
