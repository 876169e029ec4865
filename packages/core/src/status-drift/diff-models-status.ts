/**
 * A field-by-field diff of two `models status --json` objects (or CLI error envelopes), tuned so that two
 * reports of the same state taken on different machines at different moments compare equal.
 */

export type StatusDifferenceKind = "added" | "removed" | "changed";

/** One differing field. `path` is dotted; `[n]` indexes an ordered list, `[key]` names a set member. */
export type StatusDifference = { path: string; kind: StatusDifferenceKind; left?: unknown; right?: unknown };

export type StatusDiffOptions = {
  /** Two `remainingMs` values closer than this are equal (default 60 s; `Infinity` ignores them). */
  remainingMsToleranceMs?: number;
  /** Paths (or path prefixes, e.g. `auth.probes`) left out of the comparison; `[]` matches any member. */
  ignorePaths?: readonly string[];
  /**
   * When each side was taken (epoch ms). With it, `remainingMs` values are compared as the instants they
   * point at (taken + remaining), so snapshots taken hours apart still agree about the same deadline.
   */
  takenAtMs?: { left: number; right: number };
  /** Home folders of each side's host, replaced by `~` in `configPath`, `agentDir` and `auth.storePath`. */
  homeDirs?: { left?: string; right?: string };
};

export const DEFAULT_REMAINING_MS_TOLERANCE = 60_000;

/**
 * Arrays the CLI prints as sets (member order carries no meaning, or follows a clock such as
 * `unusableProfiles`, which is sorted by `remainingMs`), with how a member is identified. Every other array
 * (`fallbacks`, `imageFallbacks`, `effectiveProfiles` in auth order, …) is an ordered list.
 */
const SET_MEMBER_KEYS: Readonly<Record<string, (member: unknown) => string>> = {
  allowed: String,
  "auth.shellEnvFallback.appliedKeys": String,
  "auth.providersWithOAuth": String,
  "auth.missingProvidersInUse": String,
  "auth.providers": (member) => field(member, "provider"),
  "auth.providers[].profiles.labels": (member) => String(member).split("=")[0] ?? "",
  "auth.modelRouteIssues": (member) =>
    `${field(member, "kind")}:${field(member, "provider")}/${field(member, "model")}`,
  "auth.runtimeAuthRoutes": (member) => `${field(member, "provider")} via ${field(member, "runtime")}`,
  "auth.unusableProfiles": (member) => field(member, "profileId"),
  "auth.oauth.profiles": (member) => field(member, "profileId"),
  "auth.oauth.providers": (member) => field(member, "provider"),
  "auth.oauth.providers[].profiles": (member) => field(member, "profileId"),
  "auth.runtimeAuthRoutes[].runtimePluginIds": String,
};

/** Absolute paths that embed the host's home folder (facts §1.2, §1.3). */
const HOST_PATHS: ReadonlySet<string> = new Set(["configPath", "agentDir", "auth.storePath"]);

function field(member: unknown, key: string): string {
  return isRecord(member) ? String(member[key]) : String(member);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `auth.providers[anthropic].profiles` → `auth.providers[].profiles`, the form the tables above use. */
function patternOf(path: string): string {
  return path.replace(/\[[^\]]*\]/gu, "[]");
}

/**
 * `~/…` for a host path: under the given home, or (unknown home) from the `.openclaw` state folder on,
 * which is where OpenClaw keeps it by default. Other layouts stay absolute and show as drift.
 */
export function normaliseHostPath(path: string, home: string | undefined): string {
  const root = home?.replace(/\/+$/u, "");
  if (root && (path === root || path.startsWith(`${root}/`))) return `~${path.slice(root.length)}`;
  const stateDir = path.indexOf("/.openclaw/");
  return stateDir >= 0 ? `~${path.slice(stateDir)}` : path;
}

/** `[cooldown 5m]`, `[disabled:billing 5h]` → the same without the countdown, which moves with the clock. */
function withoutCountdown(label: string): string {
  return label.replace(/\[(cooldown|disabled:[^\s\]]+) \d+[mhd]\]/gu, "[$1 …]");
}

type Context = Required<Pick<StatusDiffOptions, "remainingMsToleranceMs">> & {
  ignore: readonly string[];
  takenAtMs: { left: number; right: number };
  homeDirs: { left?: string; right?: string };
  out: StatusDifference[];
};

function ignored(path: string, context: Context): boolean {
  const pattern = patternOf(path);
  return context.ignore.some((prefix) =>
    [path, pattern].some(
      (candidate) =>
        candidate === prefix || candidate.startsWith(`${prefix}.`) || candidate.startsWith(`${prefix}[`),
    ),
  );
}

function primitiveEqual(path: string, left: unknown, right: unknown, context: Context): boolean {
  if (left === right) return true;
  if (path.endsWith("remainingMs") && typeof left === "number" && typeof right === "number") {
    const { takenAtMs } = context;
    return Math.abs(left + takenAtMs.left - (right + takenAtMs.right)) <= context.remainingMsToleranceMs;
  }
  if (HOST_PATHS.has(path) && typeof left === "string" && typeof right === "string") {
    return (
      normaliseHostPath(left, context.homeDirs.left) === normaliseHostPath(right, context.homeDirs.right)
    );
  }
  if (
    patternOf(path) === "auth.providers[].profiles.labels[]" &&
    typeof left === "string" &&
    typeof right === "string"
  ) {
    return withoutCountdown(left) === withoutCountdown(right);
  }
  return false;
}

function compare(path: string, left: unknown, right: unknown, context: Context): void {
  if (ignored(path, context)) return;
  if (left === undefined && right === undefined) return;
  if (left === undefined) {
    context.out.push({ path, kind: "added", right });
    return;
  }
  if (right === undefined) {
    context.out.push({ path, kind: "removed", left });
    return;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    const memberKey = SET_MEMBER_KEYS[patternOf(path)];
    if (memberKey) compareSets(path, left, right, memberKey, context);
    else compareLists(path, left, right, context);
    return;
  }
  if (isRecord(left) && isRecord(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) compare(path ? `${path}.${key}` : key, left[key], right[key], context);
    return;
  }
  if (!primitiveEqual(path, left, right, context)) context.out.push({ path, kind: "changed", left, right });
}

/** Who a list member is (`profileId`, else `provider`), so a reordered list shows members, not fields. */
function memberIdentity(member: unknown): unknown {
  return isRecord(member) ? (member.profileId ?? member.provider) : undefined;
}

function compareLists(
  path: string,
  left: readonly unknown[],
  right: readonly unknown[],
  context: Context,
): void {
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const [leftMember, rightMember] = [left[index], right[index]];
    const elementPath = `${path}[${index}]`;
    if (
      leftMember !== undefined &&
      rightMember !== undefined &&
      memberIdentity(leftMember) !== memberIdentity(rightMember)
    ) {
      if (!ignored(elementPath, context))
        context.out.push({ path: elementPath, kind: "changed", left: leftMember, right: rightMember });
    } else {
      compare(elementPath, leftMember, rightMember, context);
    }
  }
}

function compareSets(
  path: string,
  left: readonly unknown[],
  right: readonly unknown[],
  memberKey: (member: unknown) => string,
  context: Context,
): void {
  const byKey = (members: readonly unknown[]) =>
    new Map(members.map((member) => [memberKey(member), member]));
  const leftMembers = byKey(left);
  const rightMembers = byKey(right);
  const keys = [...new Set([...leftMembers.keys(), ...rightMembers.keys()])];
  for (const key of keys) compare(`${path}[${key}]`, leftMembers.get(key), rightMembers.get(key), context);
}

/**
 * Every field in which `right` differs from `left`, in document order (left's keys first). Sets are matched
 * by member identity (see {@link SET_MEMBER_KEYS}), `remainingMs` has a tolerance, host paths compare after
 * replacing the home folder with `~`, and label countdowns (`[cooldown 5m]`) compare without the number.
 */
export function diffModelsStatus(
  left: unknown,
  right: unknown,
  options: StatusDiffOptions = {},
): StatusDifference[] {
  const context: Context = {
    remainingMsToleranceMs: options.remainingMsToleranceMs ?? DEFAULT_REMAINING_MS_TOLERANCE,
    ignore: options.ignorePaths ?? [],
    takenAtMs: options.takenAtMs ?? { left: 0, right: 0 },
    homeDirs: options.homeDirs ?? {},
    out: [],
  };
  compare("", left, right, context);
  return context.out;
}

/** Whether two statuses describe the same state, whatever time each was taken at (countdowns ignored). */
export function sameModelsStatus(
  left: unknown,
  right: unknown,
  options: Omit<StatusDiffOptions, "remainingMsToleranceMs"> = {},
): boolean {
  return (
    diffModelsStatus(left, right, { ...options, remainingMsToleranceMs: Number.POSITIVE_INFINITY }).length ===
    0
  );
}
