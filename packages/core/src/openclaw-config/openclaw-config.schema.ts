import { z } from "zod";
import { profileIdSchema, providerIdSchema } from "../auth-profiles/openclaw-ids";

/**
 * The parts of `openclaw.json` (2026.9.6, facts §3.2 and the config-schema extract) that model and auth
 * rules read. Objects OpenClaw closes (`additionalProperties: false`) are strict here too; objects whose
 * schema we only hold a subset of are loose, so unrelated settings pass through untouched.
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

export const modelCatalogEntrySchema = z.strictObject({
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
});
export type ModelCatalogEntry = z.infer<typeof modelCatalogEntrySchema>;

/** `models`: `"provider/model"` → alias, params and runtime policy. */
export const modelCatalogSchema = z.record(z.string(), modelCatalogEntrySchema);
export type ModelCatalog = z.infer<typeof modelCatalogSchema>;

const modelPolicySchema = z.strictObject({ allow: z.array(z.string()).optional() });

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

export const agentDefaultsSchema = z.looseObject({
  model: modelSelectionSchema.optional(),
  imageModel: imageModelSelectionSchema.optional(),
  utilityModel: z.string().optional(),
  models: modelCatalogSchema.optional(),
  params: modelParamsRecordSchema.optional(),
  modelPolicy: modelPolicySchema.optional(),
  thinkingDefault: thinkingLevelSchema.optional(),
  fastModeDefault: fastModeSchema.optional(),
  reasoningDefault: z.enum(["off", "on", "stream"]).optional(),
  systemAgent: z.strictObject({ agentId: z.string().min(1).optional() }).optional(),
  authInheritance: z.strictObject({ agentId: z.string().min(1).optional() }).optional(),
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
  reasoningDefault: z.enum(["off", "on", "stream"]).optional(),
};

/** `agents.entries.<id>` (2026.7+). */
export const agentEntrySchema = z.looseObject(agentSettingsShape);
export type AgentEntry = z.infer<typeof agentEntrySchema>;

/** `agents.list[]` (JSON era, ≤ 2026.6): the same settings with the id inside. */
export const legacyAgentListItemSchema = z.looseObject({
  ...agentSettingsShape,
  id: z.string().regex(AGENT_ID_PATTERN, AGENT_ID_MESSAGE),
});

export const authProfileModeSchema = z.enum(["api_key", "aws-sdk", "oauth", "token"]);
export type AuthProfileMode = z.infer<typeof authProfileModeSchema>;

/** `auth.profiles.<id>`: the config's record of a profile (no secrets). */
export const configAuthProfileSchema = z.strictObject({
  provider: providerIdSchema,
  mode: authProfileModeSchema,
  email: z.string().optional(),
  displayName: z.string().optional(),
});
export type ConfigAuthProfile = z.infer<typeof configAuthProfileSchema>;

/** `auth`: the 2026.9.6 schema has only `profiles` and `order` (facts §2.2). */
export const configAuthSchema = z.strictObject({
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

export const openClawConfigSchema = z.looseObject({
  agents: z
    .looseObject({
      ownership: z.literal("explicit").optional(),
      defaults: agentDefaultsSchema.optional(),
      entries: z.record(z.string().regex(AGENT_ID_PATTERN, AGENT_ID_MESSAGE), agentEntrySchema).optional(),
      list: z.array(legacyAgentListItemSchema).optional(),
    })
    .optional(),
  auth: configAuthSchema.optional(),
  models: z
    .looseObject({
      providers: z
        .record(z.string(), z.looseObject({ apiKey: z.union([z.string(), secretRefSchema]).optional() }))
        .optional(),
    })
    .optional(),
  env: z.looseObject({ shellEnv: z.looseObject({ enabled: z.boolean().optional() }).optional() }).optional(),
});

/** A validated `openclaw.json` (the subset above; other settings kept as they were). */
export type OpenClawConfig = z.infer<typeof openClawConfigSchema>;
