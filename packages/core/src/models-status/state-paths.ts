/**
 * The paths `models status` prints (facts §1.2, §1.3), built as strings: core does no file-system work, and
 * the paths are those of the host that runs OpenClaw, not of this process.
 */

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/u, "") : path;
}

/** `~/…` for paths under `home`, as OpenClaw shortens them in `effective.detail` and the text output. */
export function shortenHomePath(path: string, home: string): string {
  const root = withoutTrailingSlash(home);
  if (path === root) return "~";
  return path.startsWith(`${root}/`) ? `~${path.slice(root.length)}` : path;
}

/** A `~/` path in config is relative to `home`. */
export function expandHomePath(path: string, home: string): string {
  if (path === "~") return withoutTrailingSlash(home);
  return path.startsWith("~/") ? `${withoutTrailingSlash(home)}${path.slice(1)}` : path;
}

export function joinPath(base: string, ...segments: string[]): string {
  return [withoutTrailingSlash(base), ...segments].join("/");
}

/** `<stateDir>/agents/<id>/agent`, unless the agent's config names its own `agentDir`. */
export function agentDirPath(
  stateDir: string,
  agentId: string,
  configuredAgentDir: string | undefined,
  home: string,
): string {
  return configuredAgentDir
    ? expandHomePath(configuredAgentDir, home)
    : joinPath(stateDir, "agents", agentId, "agent");
}

/** The per-agent SQLite store inside an agent dir. */
export function agentStorePath(agentDir: string): string {
  return joinPath(agentDir, "openclaw-agent.sqlite");
}

/** The shared store: `state/openclaw.sqlite`, or the main agent's store in the legacy-main location. */
export function sharedStorePath(stateDir: string, location: "state-db" | "legacy-main" = "state-db"): string {
  return location === "legacy-main"
    ? agentStorePath(joinPath(stateDir, "agents", "main", "agent"))
    : joinPath(stateDir, "state", "openclaw.sqlite");
}
