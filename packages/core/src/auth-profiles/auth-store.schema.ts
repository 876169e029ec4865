import { z } from "zod";

import { profileIdSchema, providerIdSchema } from "./openclaw-ids";
import { secretRefSchema } from "../openclaw-config/openclaw-config.schema";

/**
 * OpenClaw's two auth-store documents (facts §2.2), the same JSON in every storage generation:
 * the credential document `{version, profiles}` and the runtime-state document
 * `{version, order, lastGood, usageStats}`.
 */

/** `AUTH_STORE_VERSION`. */
export const AUTH_STORE_VERSION = 1;

export const AUTH_PROFILE_TYPES = ["api_key", "token", "oauth"] as const;
export type AuthProfileType = (typeof AUTH_PROFILE_TYPES)[number];

/** Provider ids are normalized to lower case on read. */
const storedProviderIdSchema = providerIdSchema.transform((provider) => provider.trim().toLowerCase());

/**
 * Epoch milliseconds. A present but non-numeric value is kept as NaN rather than rejected, because
 * OpenClaw loads such a profile and reports it as `invalid_expires` (facts §1.3).
 */
const epochMsOrInvalidSchema = z
  .unknown()
  .transform((value) => (typeof value === "number" ? value : Number.NaN));

const credentialCommonShape = {
  provider: storedProviderIdSchema,
  email: z.string().optional(),
  displayName: z.string().optional(),
  copyToAgents: z.boolean().optional(),
  /** A saved-but-inactive setup record: such a profile is never selected (`setup_inactive`). */
  setup: z.unknown().optional(),
};

export const apiKeyCredentialSchema = z.looseObject({
  type: z.literal("api_key"),
  ...credentialCommonShape,
  key: z.string().optional(),
  keyRef: secretRefSchema.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

export const tokenCredentialSchema = z.looseObject({
  type: z.literal("token"),
  ...credentialCommonShape,
  token: z.string().optional(),
  tokenRef: secretRefSchema.optional(),
  expires: epochMsOrInvalidSchema.optional(),
});

export const oauthCredentialSchema = z.looseObject({
  type: z.literal("oauth"),
  ...credentialCommonShape,
  access: z.string().optional(),
  refresh: z.string().optional(),
  expires: epochMsOrInvalidSchema.optional(),
  idToken: z.string().optional(),
  clientId: z.string().optional(),
  accountId: z.string().optional(),
});

export const authProfileCredentialSchema = z.discriminatedUnion("type", [
  apiKeyCredentialSchema,
  tokenCredentialSchema,
  oauthCredentialSchema,
]);
export type AuthProfileCredential = z.infer<typeof authProfileCredentialSchema>;
export type ApiKeyCredential = z.infer<typeof apiKeyCredentialSchema>;
export type TokenCredential = z.infer<typeof tokenCredentialSchema>;
export type OAuthCredential = z.infer<typeof oauthCredentialSchema>;

/** The credential document as stored; each profile is checked on its own (see parse-auth-store). */
export const authCredentialDocumentSchema = z.looseObject({
  version: z.number().int().positive(),
  profiles: z.record(z.string(), z.unknown()),
});

/** A credential store after load: only well-formed profiles, in document order. */
export type AuthCredentialStore = {
  version: number;
  profiles: Record<string, AuthProfileCredential>;
};

/** Failure reasons OpenClaw records (facts §2.2). */
export const AUTH_FAILURE_REASONS = [
  "auth",
  "auth_permanent",
  "format",
  "overloaded",
  "rate_limit",
  "billing",
  "timeout",
  "model_not_found",
  "session_expired",
  "empty_response",
  "no_error_details",
  "unclassified",
  "unknown",
] as const;
export const authFailureReasonSchema = z.enum(AUTH_FAILURE_REASONS);
export type AuthFailureReason = z.infer<typeof authFailureReasonSchema>;

export const cooldownClassificationSchema = z.enum(["wham_token_expired", "wham_account_dead"]);
export type CooldownClassification = z.infer<typeof cooldownClassificationSchema>;

/** `usageStats[profileId]`: times are epoch ms (facts §2.2). Reasons stay strings so newer ones load. */
export const usageStatsEntrySchema = z.looseObject({
  lastUsed: z.number().optional(),
  lastFailureAt: z.number().optional(),
  lastProbeAt: z.number().optional(),
  errorCount: z.number().int().nonnegative().optional(),
  failureCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  cooldownUntil: z.number().optional(),
  cooldownReason: z.string().optional(),
  cooldownClassification: cooldownClassificationSchema.optional(),
  cooldownModel: z.string().optional(),
  disabledUntil: z.number().optional(),
  disabledReason: z.string().optional(),
  blockedUntil: z.number().optional(),
  blockedReason: z.string().optional(),
  blockedSource: z.string().optional(),
  blockedModel: z.string().optional(),
  blockedScope: z.string().optional(),
});
export type UsageStatsEntry = z.infer<typeof usageStatsEntrySchema>;

export const authRuntimeStateDocumentSchema = z.looseObject({
  version: z.number().int().positive().optional(),
  order: z.record(providerIdSchema, z.array(profileIdSchema)).optional(),
  lastGood: z.record(providerIdSchema, profileIdSchema).optional(),
  /**
   * Keyed by whatever id OpenClaw recorded, kept as is: rows for ids no store holds (a removed profile, a
   * pre-migration id such as `Legacy Profile`) are still listed by `models status` (lab capture
   * auth-usage-orphan-ids), so they load rather than fail the document.
   */
  usageStats: z.record(z.string(), usageStatsEntrySchema).optional(),
});
export type AuthRuntimeState = z.infer<typeof authRuntimeStateDocumentSchema>;

/** One store (the shared one or an agent's own): its credentials and its runtime state, either absent. */
export type AuthStoreDocuments = {
  credentials: AuthCredentialStore | null;
  runtime: AuthRuntimeState | null;
};
