/** The environment a command sees; read at the process edge (bin.ts) and passed in. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's trimmed value, or undefined when it is unset or blank (a blank value means "use the default"). */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}
