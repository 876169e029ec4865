/**
 * One command line from its argv, for every command the console shows someone to paste into a shell.
 * Each word parses back (POSIX shell; the tests check it with shell-quote's `parse`) to exactly the
 * argument given, whatever it holds: quotes, `$(…)`, backticks, `;`, newlines, unicode.
 *
 * Words made only of characters no shell treats specially stay bare; every other word is single-quoted,
 * a `'` inside closed, escaped and reopened (`'\''`). That is OpenClaw's own `quoteShellArg`, so the
 * console prints OpenClaw's text byte for byte (`--profile-id 'openai:default'`). shell-quote's `quote`
 * is not used for the words themselves: it backslash-escapes `:` and `@` (`openai\:default`), which would
 * no longer match OpenClaw's text, and its double-quoted form of a word holding both `'` and a backtick
 * does not parse back to the same word.
 */

const BARE_WORD = /^[A-Za-z0-9_./=-]+$/u;

export function shellWord(word: string): string {
  if (BARE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(shellWord).join(" ");
}
