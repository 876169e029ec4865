import type { AuthStoreDocuments } from "../auth-profiles/auth-store.schema";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";

/** An unmigrated JSON-era credential file found in the state folder (facts §2.1). */
export type LegacyCredentialFile = {
  /** Relative to the state dir, with forward slashes, e.g. `agents/main/agent/auth-profiles.json`. */
  path: string;
  /** Providers of the profiles it holds; OpenClaw names them in its migration error. */
  providers: readonly string[];
};

/**
 * Everything `models status` reads from one OpenClaw install, as plain data with no files behind it.
 * The CLI builds it from a state folder; the database layer builds the same shape from its tables.
 */
export type OpenClawState = {
  /** The validated `openclaw.json`. */
  config: OpenClawConfig;
  /** The shared (default-agent) store, or null when none was ever written. */
  sharedStore: AuthStoreDocuments | null;
  /** Agents' own stores by agent id; an agent without an entry reads the shared store only. */
  agentStores: Readonly<Record<string, AuthStoreDocuments>>;
  /**
   * `state-db` (default): the shared store lives in `state/openclaw.sqlite`; `legacy-main`: an older install
   * still keeps it in `agents/main/agent/openclaw-agent.sqlite` until `doctor --fix` moves it.
   */
  sharedStoreLocation?: "state-db" | "legacy-main";
  /** JSON-era credential files that were never imported; they make OpenClaw fail closed (fixture 06). */
  legacyFiles?: readonly LegacyCredentialFile[];
};
