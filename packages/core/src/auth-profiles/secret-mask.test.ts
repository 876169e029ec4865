import { describe, expect, it } from "vitest";

import { maskSecret } from "./secret-mask";

describe("maskSecret (OpenClaw maskApiKey, facts §1.3)", () => {
  it.each([
    { bracket: "empty", input: "", expected: "missing" },
    { bracket: "1 character", input: "a", expected: "a...a" },
    { bracket: "6 characters (last of the 1+1 bracket)", input: "abcdef", expected: "a...f" },
    { bracket: "7 characters (first of the 2+2 bracket)", input: "abcdefg", expected: "ab...fg" },
    { bracket: "16 characters (last of the 2+2 bracket)", input: "abcdefghijklmnop", expected: "ab...op" },
    {
      bracket: "17 characters (first of the 8+8 bracket)",
      input: "abcdefghijklmnopq",
      expected: "abcdefgh...jklmnopq",
    },
    {
      bracket: "a real-length key (fixture 01)",
      input: `sk-ant-api03-EXAMPLEKEY${"x".repeat(70)}-AbCdEf`,
      expected: "sk-ant-a...x-AbCdEf",
    },
  ])("$bracket → $expected", ({ input, expected }) => {
    expect(maskSecret(input)).toBe(expected);
  });
});
