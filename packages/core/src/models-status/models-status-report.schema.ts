import { z } from "zod";

import { profileIdSchema, providerIdSchema } from "../auth-profiles/openclaw-ids";

import type { CliErrorEnvelope, ModelsStatus } from "./models-status-report";

/**
 * The shapes a gateway host may POST: what `openclaw models status --json [--agent <id>]` printed on stdout.
 * Three CLI generations are accepted (facts §1.2, §1.3, §1.3a) plus the CLI's failure envelope (§1.1).
 * Objects are strict: an unknown key is refused with its path, so a report from an unknown build is never
 * half-understood. The stable core (facts §1.3a, last paragraph) is shared; each generation adds its keys.
 */

export const REPORTED_STATUS_VERSIONS = ["2026.9.6", "2026.5.28", "2026.3.23"] as const;
export type ReportedStatusVersion = (typeof REPORTED_STATUS_VERSIONS)[number];

const text = z.string().max(4096);
const epochMs = z.number().finite();
// why: these ids reach the commands the console renders (recovery hints, re-auth); refuse what OpenClaw would not write.
const reportedProfileId = text.pipe(profileIdSchema);
const reportedProvider = text.pipe(providerIdSchema);

const healthStatus = z.enum(["ok", "expiring", "expired", "missing", "static"]);
const ineligibleReason = z.enum([
  "missing_credential",
  "malformed_api_key",
  "expired",
  "invalid_expires",
  "unresolved_ref",
  "setup_inactive",
  "provider_mismatch",
  "mode_mismatch",
  "profile_missing",
]);

/** `auth.oauth.profiles[]` (ProfileHealth): the same in every generation. */
const profileHealthSchema = z.strictObject({
  profileId: reportedProfileId,
  provider: reportedProvider,
  type: z.enum(["api_key", "token", "oauth"]),
  status: healthStatus,
  reasonCode: ineligibleReason.optional(),
  expiresAt: epochMs.optional(),
  remainingMs: epochMs.optional(),
  source: z.literal("store"),
  label: text,
});

const providerHealthBase = {
  provider: reportedProvider,
  status: healthStatus,
  profiles: z.array(profileHealthSchema),
};
const providerHealthExpiry = { expiresAt: epochMs.optional(), remainingMs: epochMs.optional() };

/** `auth.oauth` since 2026.4: provider rollups list their profiles in resolved auth order too. */
const oauthWithEffectiveProfiles = z.strictObject({
  warnAfterMs: epochMs,
  profiles: z.array(profileHealthSchema),
  providers: z.array(
    z.strictObject({
      ...providerHealthBase,
      effectiveProfiles: z.array(profileHealthSchema),
      ...providerHealthExpiry,
    }),
  ),
});

const effectiveSchema = z.strictObject({
  kind: z.enum(["profiles", "env", "models.json", "synthetic", "missing"]),
  detail: text,
});
const valueWithSource = z.strictObject({ value: text, source: text });

const providerOverviewSchema = z.strictObject({
  provider: reportedProvider,
  effective: effectiveSchema,
  profiles: z.strictObject({
    count: z.number().int().nonnegative(),
    oauth: z.number().int().nonnegative(),
    token: z.number().int().nonnegative(),
    apiKey: z.number().int().nonnegative(),
    labels: z.array(text),
  }),
  env: valueWithSource.optional(),
  modelsJson: valueWithSource.optional(),
  syntheticAuth: valueWithSource.optional(),
});

const unusableBase = {
  profileId: reportedProfileId,
  provider: reportedProvider.optional(),
  kind: z.enum(["cooldown", "disabled"]),
  reason: text.optional(),
  until: epochMs,
  remainingMs: epochMs,
};

/** `--probe` results (facts §1.3, AuthProbeSummary); only present when the host ran with `--probe`. */
const probesSchema = z.strictObject({
  startedAt: epochMs,
  finishedAt: epochMs,
  durationMs: epochMs,
  totalTargets: z.number().int().nonnegative(),
  options: z.strictObject({
    provider: text.optional(),
    profileIds: z.array(text),
    timeoutMs: epochMs,
    concurrency: z.number().int().positive(),
    maxTokens: z.number().int().positive(),
  }),
  results: z.array(
    z.strictObject({
      provider: text,
      model: text.optional(),
      profileId: text.optional(),
      label: text,
      source: z.enum(["profile", "env", "models.json"]),
      mode: text.optional(),
      status: z.enum(["ok", "auth", "rate_limit", "billing", "timeout", "format", "unknown", "no_model"]),
      reasonCode: text.optional(),
      error: text.optional(),
      latencyMs: epochMs.optional(),
    }),
  ),
});

const authCore = {
  storePath: text,
  shellEnvFallback: z.strictObject({ enabled: z.boolean(), appliedKeys: z.array(text) }),
  providersWithOAuth: z.array(text),
  missingProvidersInUse: z.array(reportedProvider),
  providers: z.array(providerOverviewSchema),
  probes: probesSchema.optional(),
};

const modelConfigSource = z.enum(["agent", "defaults"]);
const topCore = {
  configPath: text,
  agentId: text.optional(),
  agentDir: text,
  defaultModel: text,
  resolvedDefault: text,
  fallbacks: z.array(text),
  imageModel: text.nullable(),
  imageFallbacks: z.array(text),
  modelConfig: z
    .strictObject({ defaultSource: modelConfigSource, fallbacksSource: modelConfigSource })
    .optional(),
  aliases: z.record(text, text),
  allowed: z.array(text),
};

const runtimeRouteStatus = z.enum(["usable", "missing", "indeterminate"]);

/** 2026.9.6 (facts §1.2, §1.3): the shape the console computes. */
export const modelsStatusV2026_9_6Schema = z.strictObject({
  ...topCore,
  utilityModel: z.strictObject({
    ref: text.nullable(),
    source: z.enum(["config", "disabled", "provider-default", "none"]),
  }),
  auth: z.strictObject({
    ...authCore,
    modelRouteIssues: z.array(
      z.discriminatedUnion("kind", [
        z.strictObject({
          kind: z.literal("incompatible"),
          provider: text,
          model: text,
          code: text,
          message: text,
        }),
        z.strictObject({
          kind: z.literal("indeterminate"),
          provider: text,
          model: text,
          evidence: z.unknown().optional(),
          message: text,
        }),
        z.strictObject({
          kind: z.literal("missing-auth"),
          provider: text,
          model: text,
          authRequirement: z.enum(["api-key", "subscription"]),
          message: text,
        }),
      ]),
    ),
    runtimeAuthRoutes: z.array(
      z.strictObject({
        provider: text,
        runtime: text,
        authProvider: text,
        status: z.enum(["usable", "missing", "indeterminate", "unavailable"]),
        effective: effectiveSchema,
        authStatus: runtimeRouteStatus.optional(),
        runtimeStatus: z.literal("unavailable").optional(),
        runtimeReason: text.optional(),
        runtimeDetail: text.optional(),
        runtimePluginIds: z.array(text).optional(),
      }),
    ),
    unusableProfiles: z.array(
      z.strictObject({
        ...unusableBase,
        classification: z.enum(["wham_token_expired", "wham_account_dead"]).optional(),
        recoveryHint: text,
      }),
    ),
    oauth: oauthWithEffectiveProfiles,
  }),
});

/** 2026.5.28: no utility model or route issues; runtime routes without availability fields (facts §1.3a). */
export const modelsStatusV2026_5_28Schema = z.strictObject({
  ...topCore,
  auth: z.strictObject({
    ...authCore,
    runtimeAuthRoutes: z.array(
      z.strictObject({
        provider: text,
        runtime: text,
        authProvider: text,
        status: runtimeRouteStatus,
        effective: effectiveSchema,
      }),
    ),
    unusableProfiles: z.array(z.strictObject(unusableBase)),
    oauth: oauthWithEffectiveProfiles,
  }),
});

/** 2026.3.23: the stable core only; provider health has no `effectiveProfiles` (facts §1.3a). */
export const modelsStatusV2026_3_23Schema = z.strictObject({
  ...topCore,
  auth: z.strictObject({
    ...authCore,
    unusableProfiles: z.array(z.strictObject(unusableBase)),
    oauth: z.strictObject({
      warnAfterMs: epochMs,
      profiles: z.array(profileHealthSchema),
      providers: z.array(z.strictObject({ ...providerHealthBase, ...providerHealthExpiry })),
    }),
  }),
});

/** The failure envelope the CLI prints under `--json` (facts §1.1, fixtures 06 and 08). */
export const cliErrorEnvelopeSchema = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({ type: z.literal("cli_error"), message: text.max(16_384) }),
});

export type ModelsStatusV2026_5_28 = z.infer<typeof modelsStatusV2026_5_28Schema>;
export type ModelsStatusV2026_3_23 = z.infer<typeof modelsStatusV2026_3_23Schema>;

export type ParsedModelsStatusReport =
  | { kind: "status"; version: "2026.9.6"; status: ModelsStatus }
  | { kind: "status"; version: "2026.5.28"; status: ModelsStatusV2026_5_28 }
  | { kind: "status"; version: "2026.3.23"; status: ModelsStatusV2026_3_23 }
  | { kind: "cli-error"; envelope: CliErrorEnvelope };

/** Why a report was refused: where (a dotted path, `(root)` for the document) and what, never the value. */
export type ReportProblem = { path: string; message: string };

export type ReportParseResult =
  { ok: true; report: ParsedModelsStatusReport } | { ok: false; problem: ReportProblem };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Which generation a body claims to be, from the keys that tell them apart (facts §1.3a): `utilityModel` or
 * `auth.modelRouteIssues` only exist from 2026.7, `auth.runtimeAuthRoutes` from 2026.4. Used to pick the
 * schema whose complaint is reported when no generation accepts the body.
 */
function likelyVersion(body: Record<string, unknown>): ReportedStatusVersion {
  const auth = isRecord(body.auth) ? body.auth : {};
  if ("utilityModel" in body || "modelRouteIssues" in auth) return "2026.9.6";
  if ("runtimeAuthRoutes" in auth) return "2026.5.28";
  return "2026.3.23";
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current = body;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function firstProblem(body: unknown, error: z.ZodError): ReportProblem {
  const issue = error.issues[0];
  if (!issue) return { path: "(root)", message: "is not valid" };
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  // why: a key is named so the sender can find it, but cut short, since any text may be posted as a key.
  const path =
    [...issue.path, ...keys.slice(0, 1)].map((key) => String(key).slice(0, 64)).join(".") || "(root)";
  if (issue.code === "invalid_type" && valueAt(body, issue.path) === undefined)
    return { path, message: "is required" };
  // why: zod's own texts for a wrong type or enum quote only the expectation; a custom summary keeps the
  // rejected value out of the message no matter which check failed.
  const messages: Partial<Record<string, string>> = {
    invalid_type: `expected ${"expected" in issue ? String(issue.expected) : "another type"}`,
    unrecognized_keys: "is not a key OpenClaw prints in any supported version",
    invalid_value: "is not one of the values OpenClaw prints",
    invalid_union: "does not match any form OpenClaw prints",
    too_big: "is too long",
    too_small: "is too small",
    custom: "is not an OpenClaw provider or profile id (letters, digits, '.', '_', '-', '@', '+', ':')",
  };
  return { path, message: messages[issue.code] ?? "is not valid" };
}

/**
 * Validates a POSTed `models status --json` body against 2026.9.6, 2026.5.28 and 2026.3.23 (first match
 * wins), or the CLI's error envelope. A refusal names the first invalid field of the generation the body
 * most looks like.
 */
export function parseModelsStatusReport(body: unknown): ReportParseResult {
  if (!isRecord(body)) return { ok: false, problem: { path: "(root)", message: "must be a JSON object" } };
  if ("ok" in body) {
    const envelope = cliErrorEnvelopeSchema.safeParse(body);
    return envelope.success
      ? { ok: true, report: { kind: "cli-error", envelope: envelope.data } }
      : { ok: false, problem: firstProblem(body, envelope.error) };
  }
  const latest = modelsStatusV2026_9_6Schema.safeParse(body);
  if (latest.success)
    return { ok: true, report: { kind: "status", version: "2026.9.6", status: latest.data } };
  const middle = modelsStatusV2026_5_28Schema.safeParse(body);
  if (middle.success)
    return { ok: true, report: { kind: "status", version: "2026.5.28", status: middle.data } };
  const oldest = modelsStatusV2026_3_23Schema.safeParse(body);
  if (oldest.success)
    return { ok: true, report: { kind: "status", version: "2026.3.23", status: oldest.data } };
  const errors = { "2026.9.6": latest.error, "2026.5.28": middle.error, "2026.3.23": oldest.error };
  return { ok: false, problem: firstProblem(body, errors[likelyVersion(body)]) };
}
