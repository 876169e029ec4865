import { describe, expect, it } from "vitest";
import { reauthTargetSchema, webhookUrlSchema } from "./reauth.schema";

describe("re-auth target", () => {
  it("takes profile ids or a fingerprint, not both, not neither", () => {
    expect(reauthTargetSchema.safeParse({ authProfileIds: [crypto.randomUUID()] }).success).toBe(true);
    expect(reauthTargetSchema.safeParse({ fingerprint: "a".repeat(64) }).success).toBe(true);
    expect(reauthTargetSchema.safeParse({ fingerprint: "A".repeat(64) }).success).toBe(false);
    expect(reauthTargetSchema.safeParse({ authProfileIds: [] }).success).toBe(false);
    expect(
      reauthTargetSchema.safeParse({ authProfileIds: [crypto.randomUUID()], fingerprint: "a".repeat(64) })
        .success,
    ).toBe(false);
    expect(reauthTargetSchema.safeParse({}).success).toBe(false);
  });
});

describe("webhook URL", () => {
  it.each([
    { url: "https://hooks.example.com/clawfleet", ok: true },
    { url: "http://127.0.0.1:9000/hook", ok: true },
    { url: "ftp://example.com/hook", ok: false },
    { url: "https://user:pass@example.com/hook", ok: false },
    { url: "https://example.com/hook#frag", ok: false },
    { url: "not a url", ok: false },
  ])("$url → $ok", ({ url, ok }) => {
    expect(webhookUrlSchema.safeParse(url).success).toBe(ok);
  });
});
