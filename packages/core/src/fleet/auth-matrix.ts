import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { AuthHealthStatus, ProfileHealth } from "../auth-profiles/profile-health";
import type { UnusableProfile } from "../auth-usage/unusable-profiles";
import type {
  AuthEffectiveKind,
  ModelsStatus,
  ModelsStatusOutcome,
} from "../models-status/models-status-report";
import {
  EXPIRY_HORIZON_MS,
  type FleetAgentStatus,
  type FleetAgentVerdict,
  fleetVerdictOf,
} from "./fleet-status";

/** What a cell says about a provider's auth for one agent: a health status, or the unusable window it sits in. */
export type AuthMatrixCellState = AuthHealthStatus | "cooldown" | "disabled";

export type AuthMatrixWindow = {
  profileId: string;
  kind: "cooldown" | "disabled";
  reason?: string;
  until: number;
};

/** The row-highlighting filters of the matrix. */
export const AUTH_MATRIX_FILTERS = ["expiring", "cooldown", "disabled"] as const;
export type AuthMatrixFilter = (typeof AUTH_MATRIX_FILTERS)[number];

/** One agent × provider cell. */
export type AuthMatrixCell = {
  provider: string;
  /** Where the provider's auth comes from, as `auth.providers[].effective.kind` says. */
  source: AuthEffectiveKind;
  /** Display detail for env / models.json / synthetic auth (a mask or a reference; never a secret). */
  detail?: string;
  /** The profile OpenClaw would use now (only for `profiles` auth with an eligible profile). */
  profile?: { profileId: string; type: AuthProfileType; label: string };
  state: AuthMatrixCellState;
  /** Expiry of the selected token or OAuth profile. */
  expiresAt?: number;
  /** The unusable window of the selected profile (every effective profile is unusable). */
  window?: AuthMatrixWindow;
  /** Other profiles in the provider's resolved order that sit in a cooldown or disable window now. */
  skipped: AuthMatrixWindow[];
  /** The provider is used by the agent's models but has no usable auth. */
  missingInUse: boolean;
  matches: Record<AuthMatrixFilter, boolean>;
};

export type AuthMatrixRow = {
  agentId: string;
  agentName: string;
  gatewayId: string;
  gatewayName: string;
  verdict: FleetAgentVerdict;
  reasons: string[];
  /** Sorted by provider; a provider the agent has nothing for has no cell. */
  cells: AuthMatrixCell[];
  matches: Record<AuthMatrixFilter, boolean>;
};

const NO_MATCH: Record<AuthMatrixFilter, boolean> = { expiring: false, cooldown: false, disabled: false };

function windowOf(profile: UnusableProfile): AuthMatrixWindow {
  return {
    profileId: profile.profileId,
    kind: profile.kind,
    ...(profile.reason === undefined ? {} : { reason: profile.reason }),
    until: profile.until,
  };
}

/**
 * The profile OpenClaw would use now for a provider (facts §2.4, §2.6): the first of its resolved
 * `effectiveProfiles` that is not in a cooldown or disable window, else the first (everything is unusable).
 */
export function selectEffectiveProfile(
  effectiveProfiles: readonly ProfileHealth[],
  unusable: ReadonlyMap<string, UnusableProfile>,
): ProfileHealth | undefined {
  return effectiveProfiles.find((profile) => !unusable.has(profile.profileId)) ?? effectiveProfiles[0];
}

/** A cell before the filters are applied to it. */
type CellFacts = Omit<AuthMatrixCell, "matches">;

function profileCell(
  provider: string,
  effectiveProfiles: readonly ProfileHealth[],
  unusable: ReadonlyMap<string, UnusableProfile>,
): Omit<CellFacts, "source" | "missingInUse"> {
  const selected = selectEffectiveProfile(effectiveProfiles, unusable);
  const skipped = effectiveProfiles.flatMap((profile) => {
    const entry = unusable.get(profile.profileId);
    return entry && profile !== selected ? [windowOf(entry)] : [];
  });
  if (!selected) {
    // Profiles exist but none is in the resolved order (e.g. `auth.order` names none of them).
    return { provider, state: "missing", skipped };
  }
  const selectedWindow = unusable.get(selected.profileId);
  const window = selectedWindow ? windowOf(selectedWindow) : undefined;
  const expiresAt = selected.type === "api_key" ? undefined : selected.expiresAt;
  return {
    provider,
    profile: { profileId: selected.profileId, type: selected.type, label: selected.label },
    state: window ? window.kind : selected.status,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(window ? { window } : {}),
    skipped,
  };
}

/**
 * Every provider an agent's status names: with auth of any kind, with profiles, in use without auth, or in use
 * with auth OpenClaw cannot confirm (a route issue: a provider nothing declares auth for is indeterminate, not
 * missing in use).
 */
function providersOf(status: ModelsStatus): string[] {
  const { auth } = status;
  return [
    ...new Set([
      ...auth.providers.map((row) => row.provider),
      ...auth.oauth.providers.map((row) => row.provider),
      ...auth.missingProvidersInUse,
      ...auth.modelRouteIssues.map((issue) => issue.provider),
    ]),
  ].sort();
}

/** The cells of a status with `unusable` (profile id → window) as the windows in force. */
function cellsOf(status: ModelsStatus, unusable: ReadonlyMap<string, UnusableProfile>): CellFacts[] {
  const { auth } = status;
  const missingInUse = new Set(auth.missingProvidersInUse);
  return providersOf(status).map((provider): CellFacts => {
    const overview = auth.providers.find((row) => row.provider === provider);
    const health = auth.oauth.providers.find((row) => row.provider === provider);
    const source: AuthEffectiveKind = overview?.effective.kind ?? (health ? "profiles" : "missing");
    const inUse = missingInUse.has(provider);
    if (source === "profiles" && health) {
      return { ...profileCell(provider, health.effectiveProfiles, unusable), source, missingInUse: inUse };
    }
    return {
      provider,
      source,
      ...(overview && source !== "missing" && source !== "profiles"
        ? { detail: overview.effective.detail }
        : {}),
      state: source === "missing" || source === "profiles" ? "missing" : "static",
      skipped: [],
      missingInUse: inUse,
    };
  });
}

function windowsOf(cell: CellFacts): AuthMatrixWindow[] {
  return cell.window ? [cell.window, ...cell.skipped] : cell.skipped;
}

/**
 * The filters a cell matches at `now`: `expiring` when its selected token or OAuth profile expires within
 * `horizonMs` (or has expired), `cooldown` / `disabled` when a profile of the provider's resolved order
 * sits in such a window.
 */
function cellMatches(cell: CellFacts, { now, horizonMs }: { now: number; horizonMs: number }) {
  const windows = windowsOf(cell);
  return {
    expiring: cell.expiresAt !== undefined && expiresWithin(cell.expiresAt, { now, horizonMs }),
    cooldown: windows.some((entry) => entry.kind === "cooldown"),
    disabled: windows.some((entry) => entry.kind === "disabled"),
  } satisfies Record<AuthMatrixFilter, boolean>;
}

function unusableById(status: ModelsStatus, now: number | null): Map<string, UnusableProfile> {
  const windows = status.auth.unusableProfiles.filter((profile) => now === null || profile.until > now);
  return new Map(windows.map((profile) => [profile.profileId, profile]));
}

/**
 * One matrix row per agent (facts §1.3, §2.4, §2.6): for every provider its status names, the profile
 * OpenClaw would use now with its type, health and any unusable window; env or models.json auth as such;
 * no auth as `missing`. A cell matches `expiring` when its selected token or OAuth profile expires within
 * `horizonMs` (or has expired), and `cooldown` / `disabled` when any profile in the provider's resolved
 * order sits in such a window now. The agent's `--check` verdict comes with its reasons.
 */
export function buildAuthMatrixRow(
  agent: FleetAgentStatus,
  { now, horizonMs = EXPIRY_HORIZON_MS }: { now: number; horizonMs?: number },
): AuthMatrixRow {
  const { verdict, reasons } = fleetVerdictOf(agent.outcome);
  const cells = agent.outcome.ok
    ? cellsOf(agent.outcome.status, unusableById(agent.outcome.status, now)).map((cell): AuthMatrixCell => ({
        ...cell,
        matches: cellMatches(cell, { now, horizonMs }),
      }))
    : [];
  const matches = { ...NO_MATCH };
  for (const filter of AUTH_MATRIX_FILTERS) matches[filter] = cells.some((cell) => cell.matches[filter]);
  return {
    agentId: agent.agentId,
    agentName: agent.agentName,
    gatewayId: agent.gatewayId,
    gatewayName: agent.gatewayName,
    verdict,
    reasons,
    cells,
    matches,
  };
}

export type AuthMatrixQuery = { search?: string; gatewayId?: string; filter?: AuthMatrixFilter };

/** The matrix's columns: every provider any row has a cell for, sorted. */
export function authMatrixProviders(rows: readonly AuthMatrixRow[]): string[] {
  const providers = new Set<string>();
  for (const row of rows) for (const cell of row.cells) providers.add(cell.provider);
  return [...providers].sort();
}

/** Rows whose agent name contains `search` (any case), on `gatewayId`, having a cell matching `filter`. */
export function filterAuthMatrixRows(
  rows: readonly AuthMatrixRow[],
  query: AuthMatrixQuery,
): AuthMatrixRow[] {
  const needle = query.search?.trim().toLowerCase() ?? "";
  return rows.filter(
    (row) =>
      (needle === "" || row.agentName.toLowerCase().includes(needle)) &&
      (!query.gatewayId || row.gatewayId === query.gatewayId) &&
      (!query.filter || row.matches[query.filter]),
  );
}

/** How many rows each filter would keep (within the search and gateway), for the filter buttons. */
export function countAuthMatrixFilters(rows: readonly AuthMatrixRow[]): Record<AuthMatrixFilter, number> {
  const counts = { expiring: 0, cooldown: 0, disabled: 0 };
  for (const row of rows)
    for (const filter of AUTH_MATRIX_FILTERS) if (row.matches[filter]) counts[filter] += 1;
  return counts;
}

/**
 * What the auth matrix's list page needs of one agent, stored beside its status: its columns, and the
 * instants its filters compare with `now` (see {@link authMatrixFactsMatch}). All absolute, so the facts
 * hold until the status itself changes.
 */
export type AuthMatrixFacts = {
  /** The providers the agent has a cell for, sorted. */
  providers: string[];
  /** The earliest expiry among the cells' selected token or OAuth profiles (expired ones included). */
  expiresAt: number | null;
  /** The latest end of a cooldown window among the profiles of the cells' resolved orders. */
  cooldownUntil: number | null;
  /** The latest end of a disable window among them. */
  disabledUntil: number | null;
};

function latest(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

/**
 * The one rule for "expiring" across the console: a credential counts as expiring within the horizon when
 * it expires by `now + horizonMs` (an expired one included). The fleet page's list and the matrix filter
 * apply it, in SQL, to the same instants (see {@link selectedCredentialExpiries}).
 */
export function expiresWithin(
  expiresAt: number,
  { now, horizonMs = EXPIRY_HORIZON_MS }: { now: number; horizonMs?: number },
): boolean {
  return expiresAt <= now + horizonMs;
}

/** A token or OAuth sign-in an agent uses, with its expiry. */
export type SelectedCredentialExpiry = {
  provider: string;
  profileId: string;
  type: Exclude<AuthProfileType, "api_key">;
  expiresAt: number;
};

/**
 * The token and OAuth credentials an agent actually uses: per provider, the profile OpenClaw would select
 * now (as `--check` and the matrix cells pick it), where it has an expiry. A token or sign-in that sits later
 * in the order, unused, is not counted: `--check` does not warn about it and the matrix cell does not show
 * it. Both the fleet page's expiring list and the matrix's `expiring` filter count exactly these.
 */
export function selectedCredentialExpiries(outcome: ModelsStatusOutcome): SelectedCredentialExpiry[] {
  if (!outcome.ok) return [];
  return cellsOf(outcome.status, unusableById(outcome.status, null)).flatMap((cell) =>
    cell.profile && cell.profile.type !== "api_key" && cell.expiresAt !== undefined
      ? [
          {
            provider: cell.provider,
            profileId: cell.profile.profileId,
            type: cell.profile.type,
            expiresAt: cell.expiresAt,
          },
        ]
      : [],
  );
}

/**
 * The matrix facts of an outcome, with the unusable windows it lists in force (they all are, until the
 * status's next change). A refusal has no cells.
 */
export function authMatrixFactsOf(outcome: ModelsStatusOutcome): AuthMatrixFacts {
  if (!outcome.ok) return { providers: [], expiresAt: null, cooldownUntil: null, disabledUntil: null };
  const cells = cellsOf(outcome.status, unusableById(outcome.status, null));
  const expiries = selectedCredentialExpiries(outcome).map((credential) => credential.expiresAt);
  const windows = cells.flatMap(windowsOf);
  const endsOf = (kind: AuthMatrixWindow["kind"]) =>
    windows.filter((window) => window.kind === kind).map((window) => window.until);
  return {
    providers: cells.map((cell) => cell.provider),
    expiresAt: expiries.length === 0 ? null : Math.min(...expiries),
    cooldownUntil: latest(endsOf("cooldown")),
    disabledUntil: latest(endsOf("disabled")),
  };
}

/**
 * The matrix filters as comparisons of stored facts with `now`, as a list query runs them in SQL:
 * `expiring` is `expiresAt <= now + horizon`, `cooldown` is `cooldownUntil > now`, `disabled` is
 * `disabledUntil > now`. Equal to {@link buildAuthMatrixRow}'s `matches` at any `now` before the status's
 * next change.
 */
export function authMatrixFactsMatch(
  facts: AuthMatrixFacts,
  { now, horizonMs = EXPIRY_HORIZON_MS }: { now: number; horizonMs?: number },
): Record<AuthMatrixFilter, boolean> {
  return {
    expiring: facts.expiresAt !== null && expiresWithin(facts.expiresAt, { now, horizonMs }),
    cooldown: facts.cooldownUntil !== null && facts.cooldownUntil > now,
    disabled: facts.disabledUntil !== null && facts.disabledUntil > now,
  };
}
