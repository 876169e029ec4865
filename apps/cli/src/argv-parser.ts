/** What a command accepts: flags that take no value and options that take one. */
export type ArgvSpec = {
  booleans: readonly string[];
  strings: readonly string[];
};

export type ParsedArgv = {
  positionals: string[];
  booleans: Set<string>;
  strings: Map<string, string>;
};

export type ArgvParseResult = { ok: true; value: ParsedArgv } | { ok: false; message: string };

/**
 * A small, strict argv parser: `--flag`, `--option value` and `--option=value`; anything else is a
 * positional. An unknown flag, a value given to a boolean flag, or an option without a value is an error,
 * so a typo never silently changes what a command does.
 */
export function parseArgv(argv: readonly string[], spec: ArgvSpec): ArgvParseResult {
  const parsed: ParsedArgv = { positionals: [], booleans: new Set(), strings: new Map() };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    if (!arg.startsWith("--") || arg === "--") {
      parsed.positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const inlineValue = equals === -1 ? undefined : arg.slice(equals + 1);
    if (spec.booleans.includes(name)) {
      if (inlineValue !== undefined) return { ok: false, message: `--${name} takes no value` };
      parsed.booleans.add(name);
    } else if (spec.strings.includes(name)) {
      const value = inlineValue ?? argv[index + 1];
      if (value === undefined || (inlineValue === undefined && value.startsWith("--"))) {
        return { ok: false, message: `--${name} needs a value` };
      }
      if (inlineValue === undefined) index += 1;
      parsed.strings.set(name, value);
    } else {
      return { ok: false, message: `unknown option --${name}` };
    }
  }
  return { ok: true, value: parsed };
}
