export const AUTH_PROFILE_TYPES = ["api_key", "token", "oauth"] as const;
export type AuthProfileType = (typeof AUTH_PROFILE_TYPES)[number];

/** The secret fields OpenClaw keeps per profile type (facts §2.2). */
export const SECRET_FIELDS = ["key", "token", "access", "refresh"] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** What anyone may see of a stored secret: never the value, only its fingerprint and OpenClaw's mask. */
export type SecretDisplay = { field: SecretField; fingerprint: string; mask: string };

/** A profile as the console shows it: identity, ownership, display-safe secrets, runtime windows. */
export type AuthProfileSummary = {
  id: string;
  profileId: string;
  provider: string;
  type: AuthProfileType;
  /** `shared` is the gateway's shared store; otherwise the owning agent's id. */
  owner: { kind: "shared" } | { kind: "agent"; agentId: string };
  email: string | null;
  displayName: string | null;
  expires: Date | null;
  secrets: SecretDisplay[];
  cooldownUntil: Date | null;
  cooldownReason: string | null;
  disabledUntil: Date | null;
  disabledReason: string | null;
  lastUsed: Date | null;
  errorCount: number;
  version: number;
};
