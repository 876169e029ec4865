/**
 * OpenClaw's recovery hints and cause sentences name commands in backticks ("Re-authenticate with
 * `openclaw models auth login --provider anthropic`."). A page shows them as words and commands, each
 * command copyable, never as literal backticks.
 */
export type HintPart = { kind: "text"; text: string } | { kind: "command"; command: string };

/**
 * The text and commands of a hint, in order. A backtick without a partner is kept as text; empty
 * commands are dropped, and so is the sentence's closing punctuation right after a command (the command
 * stands on its own, ready to copy).
 */
export function hintParts(hint: string): HintPart[] {
  const parts: HintPart[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.kind === "text") last.text += text;
    else parts.push({ kind: "text", text });
  };
  let rest = hint;
  for (;;) {
    const open = rest.indexOf("`");
    const close = open === -1 ? -1 : rest.indexOf("`", open + 1);
    if (close === -1) {
      if (!(parts.at(-1)?.kind === "command" && /^[.,;:]?\s*$/.test(rest))) pushText(rest);
      return parts;
    }
    pushText(rest.slice(0, open));
    const command = rest.slice(open + 1, close).trim();
    if (command) parts.push({ kind: "command", command });
    rest = rest.slice(close + 1);
  }
}

/** What a fleet-page attention group offers, one click away. */
export type AttentionAction =
  /** Ask for a new credential for this profile (a re-auth request). */
  | { kind: "reauth"; profileId: string }
  /** Open the agents behind it, failing, to fix their models or auth. */
  | { kind: "agents" };

/**
 * The action for a cause: a credential that expires, expired or is missing, or a profile in a cooldown or
 * disable window (its hint then names the command), is re-authenticated; a refusal, a route or a provider
 * without auth is fixed on the agents.
 */
export function attentionActionOf(cause: { kind: string; detail: Record<string, unknown> }): AttentionAction {
  const profileId = cause.detail.profileId;
  if ((cause.kind === "credential" || cause.kind === "window") && typeof profileId === "string")
    return { kind: "reauth", profileId };
  return { kind: "agents" };
}
