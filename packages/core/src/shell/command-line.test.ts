import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { recoveryHintFor } from "../auth-usage/unusable-profiles";
import { commandLine } from "./command-line";

const HOSTILE_WORDS = [
  "$(curl x)",
  "`curl x`",
  "openai:a;curl x",
  "openai:'; curl x; '",
  'openai:"$(id)"',
  "openai:a\ncurl x",
  "openai:a b",
  "openai:ünïcødé-😀",
  "it's `id` $HOME",
  "a'!b",
  "",
  "--flag=x|y&z",
];

describe("commandLine", () => {
  it.each(HOSTILE_WORDS)("parses %j back to exactly the argv it was given", (word) => {
    const argv = ["openclaw", "models", "auth", "login", "--provider", word, "--profile-id", word];
    expect(parse(commandLine(argv))).toEqual(argv);
  });

  it("prints OpenClaw's own text for valid ids", () => {
    expect(
      commandLine([
        "openclaw",
        "models",
        "auth",
        "login",
        "--provider",
        "openai",
        "--profile-id",
        "openai:me@x.io",
      ]),
    ).toBe("openclaw models auth login --provider openai --profile-id 'openai:me@x.io'");
  });
});

describe("recoveryHintFor", () => {
  it("keeps OpenClaw's exact hint for a valid id", () => {
    expect(
      recoveryHintFor({ kind: "cooldown", reason: "auth", provider: "openai", profileId: "openai:default" }),
    ).toBe(
      "Re-authenticate with `openclaw models auth login --provider openai --profile-id 'openai:default'`.",
    );
  });

  const reauthArgv = (provider: string, profileId: string) => {
    const hint = recoveryHintFor({ kind: "disabled", reason: "auth_permanent", provider, profileId });
    return parse(/^Re-authenticate with `([\s\S]*)`\.$/u.exec(hint)?.[1] ?? "");
  };

  it.each(HOSTILE_WORDS.filter((word) => word.trim() !== ""))(
    "renders a command that runs nothing but openclaw for the stored id %j",
    (word) => {
      expect(reauthArgv("openai", word)).toEqual([
        "openclaw",
        "models",
        "auth",
        "login",
        "--provider",
        "openai",
        "--profile-id",
        word.trim(),
      ]);
    },
  );

  it.each(HOSTILE_WORDS)("names no provider or profile when the provider %j is not a provider id", (word) => {
    // why: OpenClaw only puts a provider matching its safe-id pattern into the command, and the profile id
    // only with one (buildOAuthRefreshFailureLoginCommand).
    expect(reauthArgv(word, "openai:default")).toEqual(["openclaw", "models", "auth", "login"]);
  });
});
