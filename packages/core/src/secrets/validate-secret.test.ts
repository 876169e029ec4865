import { describe, expect, it } from "vitest";

import {
  SECRET_MESSAGES,
  SECRET_WARNINGS,
  SETUP_TOKEN_MIN_LENGTH,
  validateApiKey,
  validateSetupToken,
} from "./validate-secret";

const TOKEN = `sk-ant-oat01-${"AbC9".repeat(20)}`;
const API_KEY = `sk-ant-api03-${"Zy8x".repeat(20)}-Qq`;

describe("validateSetupToken", () => {
  it.each([
    { case: "a full token", input: TOKEN },
    { case: "pasted with a trailing newline", input: `${TOKEN}\n` },
    { case: "wrapped over two lines", input: `${TOKEN.slice(0, 40)}\n${TOKEN.slice(40)}` },
    { case: "with surrounding spaces and tabs", input: `  \t${TOKEN}  ` },
    { case: "exactly the minimum length", input: `sk-ant-oat01-${"a".repeat(SETUP_TOKEN_MIN_LENGTH - 13)}` },
  ])("accepts $case, whitespace stripped", ({ input }) => {
    const result = validateSetupToken(input);
    expect(result).toEqual({ ok: true, value: input.replace(/\s+/gu, ""), warnings: [] });
  });

  it.each([
    { case: "empty", input: "", message: SECRET_MESSAGES.required },
    { case: "only whitespace", input: " \n\t ", message: SECRET_MESSAGES.required },
    { case: "an API key", input: API_KEY, message: "Expected token starting with sk-ant-oat01-" },
    {
      case: "an upper-case prefix",
      input: TOKEN.toUpperCase(),
      message: "Expected token starting with sk-ant-oat01-",
    },
    {
      case: "one character short",
      input: `sk-ant-oat01-${"a".repeat(SETUP_TOKEN_MIN_LENGTH - 14)}`,
      message: "Token looks too short; paste the full setup-token",
    },
    {
      case: "just the prefix",
      input: "sk-ant-oat01-",
      message: "Token looks too short; paste the full setup-token",
    },
    { case: "OpenClaw's mask of a token", input: "sk-ant-o...x-QqRrSs", message: SECRET_MESSAGES.masked },
    {
      case: "a mask with a typographic ellipsis",
      input: "sk-ant-oat01-abc…xyz",
      message: SECRET_MESSAGES.masked,
    },
    { case: "REDACTED", input: "sk-ant-oat01-REDACTED", message: SECRET_MESSAGES.placeholder },
    { case: "all x", input: `sk-ant-oat01-${"x".repeat(80)}`, message: SECRET_MESSAGES.placeholder },
    { case: "a NUL byte", input: `${TOKEN}\u0000`, message: SECRET_MESSAGES.controlCharacters },
    { case: "an escape character", input: `\u001b${TOKEN}`, message: SECRET_MESSAGES.controlCharacters },
    { case: "a Cyrillic look-alike", input: TOKEN.replace("a", "а"), message: SECRET_MESSAGES.nonAscii },
    { case: "10 KB of text", input: `sk-ant-oat01-${"a".repeat(10_240)}`, message: SECRET_MESSAGES.tooLong },
  ])("refuses $case with “$message”", ({ input, message }) => {
    expect(validateSetupToken(input)).toEqual({ ok: false, message });
  });
});

describe("validateApiKey", () => {
  it.each([
    { case: "an Anthropic key", input: API_KEY, provider: "anthropic", warnings: [] },
    {
      case: "a key with surrounding whitespace",
      input: ` ${API_KEY}\n`,
      provider: "anthropic",
      warnings: [],
    },
    { case: "an OpenAI key for OpenAI", input: "sk-proj-Ab12Cd34Ef56Gh78", provider: "openai", warnings: [] },
    {
      case: "an OpenAI key for Anthropic",
      input: "sk-proj-Ab12Cd34Ef56Gh78",
      provider: "anthropic",
      warnings: [SECRET_WARNINGS.apiKeyPrefix],
    },
    {
      case: "a setup-token as an API key",
      input: TOKEN,
      provider: "anthropic",
      warnings: [SECRET_WARNINGS.setupTokenAsApiKey],
    },
  ])("accepts $case, warning $warnings", ({ input, provider, warnings }) => {
    expect(validateApiKey(input, provider)).toEqual({ ok: true, value: input.trim(), warnings });
  });

  it.each([
    { case: "empty", input: "", message: "Required" },
    { case: "blank", input: "   ", message: "Required" },
    { case: "a space inside", input: "sk-ant-api03-abc def", message: SECRET_MESSAGES.internalWhitespace },
    {
      case: "a line break inside",
      input: "sk-ant-api03-abc\ndef",
      message: SECRET_MESSAGES.internalWhitespace,
    },
    { case: "a tab inside", input: "sk-ant-api03-abc\tdef", message: SECRET_MESSAGES.internalWhitespace },
    { case: "a DEL character", input: `${API_KEY}\u007f`, message: SECRET_MESSAGES.controlCharacters },
    { case: "OpenClaw's mask pasted back", input: "sk-ant-a...x-AbCdEf", message: SECRET_MESSAGES.masked },
    { case: "a short mask", input: "sk...Ef", message: SECRET_MESSAGES.masked },
    { case: "REDACTED", input: "REDACTED", message: SECRET_MESSAGES.placeholder },
    { case: "a prefixed REDACTED", input: "sk-ant-api03-REDACTED", message: SECRET_MESSAGES.placeholder },
    { case: "xxx…", input: "sk-ant-api03-xxxxxxxxxxxxxxxx", message: SECRET_MESSAGES.placeholder },
    { case: "xxx with a suffix", input: "xxx-my-key", message: SECRET_MESSAGES.placeholder },
    { case: "stars", input: "********", message: SECRET_MESSAGES.placeholder },
    { case: "your-key-here", input: "your-key-here", message: SECRET_MESSAGES.placeholder },
    { case: "YOUR_API_KEY", input: "YOUR_API_KEY", message: SECRET_MESSAGES.placeholder },
    { case: "<api key>", input: "<anthropic-api-key>", message: SECRET_MESSAGES.placeholder },
    { case: "changeme", input: "changeme", message: SECRET_MESSAGES.placeholder },
    { case: "placeholder", input: "Placeholder", message: SECRET_MESSAGES.placeholder },
    { case: "an env reference", input: "${ANTHROPIC_API_KEY}", message: SECRET_MESSAGES.envReference },
    { case: "a bare env reference", input: "$ANTHROPIC_API_KEY", message: SECRET_MESSAGES.envReference },
    { case: "a smart quote", input: `“${API_KEY}”`, message: SECRET_MESSAGES.nonAscii },
    { case: "a zero-width space", input: `${API_KEY}\u200b`, message: SECRET_MESSAGES.nonAscii },
    { case: "10 KB", input: "k".repeat(10_240), message: SECRET_MESSAGES.tooLong },
  ])("refuses $case with “$message”", ({ input, message }) => {
    expect(validateApiKey(input)).toEqual({ ok: false, message });
  });
});
