import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretDecryptError, SecretKeyError, openSecretBox } from "./secret-box";
import { TEST_SECRET_KEY } from "./testing/factories";

const box = openSecretBox(TEST_SECRET_KEY);
const secret = "sk-ant-api03-CANARYsecretbox0123456789abcdefghijklmnop";

describe("openSecretBox", () => {
  it.each([
    { case: "missing", key: undefined, message: /CLAWFLEET_SECRET_KEY is not set/ },
    { case: "empty", key: "  ", message: /CLAWFLEET_SECRET_KEY is not set/ },
    { case: "too short", key: randomBytes(16).toString("base64"), message: /exactly 32 bytes.*got 16 bytes/ },
    { case: "not base64", key: "not a key at all!", message: /exactly 32 bytes/ },
  ])("refuses a $case key", ({ key, message }) => {
    expect(() => openSecretBox(key)).toThrow(SecretKeyError);
    expect(() => openSecretBox(key)).toThrow(message);
  });

  it("derives a stable key id that differs between keys", () => {
    expect(openSecretBox(TEST_SECRET_KEY).keyId).toBe(box.keyId);
    expect(openSecretBox(randomBytes(32).toString("base64")).keyId).not.toBe(box.keyId);
  });
});

describe("encrypt/decrypt", () => {
  it("round-trips and never contains the plaintext", () => {
    const stored = box.encrypt(secret, "team|row|key");
    expect(stored).toMatch(/^v1:[0-9a-f]{16}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("CANARY");
    expect(box.decrypt(stored, "team|row|key")).toBe(secret);
  });

  it("uses a fresh nonce every time: 1,000 encryptions of one secret are all different", () => {
    const ciphertexts = new Set(Array.from({ length: 1000 }, () => box.encrypt(secret, "team|row|key")));
    const nonces = new Set([...ciphertexts].map((stored) => stored.split(":")[2]));
    expect(ciphertexts.size).toBe(1000);
    expect(nonces.size).toBe(1000);
  });

  it.each([
    { case: "another row", boundTo: "team|other-row|key" },
    { case: "another field", boundTo: "team|row|refresh" },
    { case: "another team", boundTo: "other-team|row|key" },
  ])("refuses a ciphertext moved to $case", ({ boundTo }) => {
    const stored = box.encrypt(secret, "team|row|key");
    expect(() => box.decrypt(stored, boundTo)).toThrow(SecretDecryptError);
  });

  it("refuses a tampered ciphertext and a different key", () => {
    const stored = box.encrypt(secret, "b");
    const parts = stored.split(":");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 3), body.toString("base64url")].join(":");
    expect(() => box.decrypt(tampered, "b")).toThrow(SecretDecryptError);
    expect(() => openSecretBox(randomBytes(32).toString("base64")).decrypt(stored, "b")).toThrow(
      /not the configured key/,
    );
  });

  it("fingerprints per team", () => {
    expect(box.fingerprint("team-a", secret)).toBe(box.fingerprint("team-a", secret));
    expect(box.fingerprint("team-a", secret)).not.toBe(box.fingerprint("team-b", secret));
    expect(box.fingerprint("team-a", secret)).not.toContain(secret.slice(13, 25));
  });

  it("fingerprints a text given in pieces exactly as the whole text", () => {
    const hasher = box.fingerprinter("team-a");
    for (const piece of ["sk-ant-", "api03-CANARY", "secretbox0123456789abcdefghijklmnop"])
      hasher.update(piece);
    expect(hasher.digest()).toBe(box.fingerprint("team-a", secret));
  });
});

describe("encryptBytes/decryptBytes", () => {
  const payload = new TextEncoder().encode(`{"files":[{"path":"a","text":"${secret}"}]}`);

  it("round-trips binary data without the plaintext in it", () => {
    const stored = box.encryptBytes(payload, "team|import-upload|run");
    expect(Buffer.from(stored).toString("latin1")).not.toContain("CANARY");
    expect(Buffer.from(stored).subarray(0, 20).toString("ascii")).toBe(`v1:${box.keyId}:`);
    expect(Buffer.from(box.decryptBytes(stored, "team|import-upload|run"))).toEqual(Buffer.from(payload));
  });

  it("refuses data bound to another run, tampered data and another key", () => {
    const stored = box.encryptBytes(payload, "team|import-upload|run");
    expect(() => box.decryptBytes(stored, "team|import-upload|other-run")).toThrow(SecretDecryptError);
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => box.decryptBytes(tampered, "team|import-upload|run")).toThrow(/integrity check/);
    expect(() =>
      openSecretBox(randomBytes(32).toString("base64")).decryptBytes(stored, "team|import-upload|run"),
    ).toThrow(/another key/);
    expect(() => box.decryptBytes(new Uint8Array([1, 2, 3]), "x")).toThrow(/not in a known format/);
  });
});
