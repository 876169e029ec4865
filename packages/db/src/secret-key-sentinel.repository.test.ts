import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretKeyError, openSecretBox } from "./secret-box";
import { verifySecretKeyAgainstDatabase } from "./secret-key-sentinel.repository";
import { TEST_SECRET_KEY } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();

describe("secret key sentinel", () => {
  it("is written on first start, verified after, and refuses any other key", async () => {
    const box = openSecretBox(TEST_SECRET_KEY);
    expect(await verifySecretKeyAgainstDatabase(db, box)).toBe("created");
    expect(await verifySecretKeyAgainstDatabase(db, box)).toBe("verified");

    const wrong = openSecretBox(randomBytes(32).toString("base64"));
    await expect(verifySecretKeyAgainstDatabase(db, wrong)).rejects.toThrow(SecretKeyError);
    await expect(verifySecretKeyAgainstDatabase(db, wrong)).rejects.toThrow(`key id ${box.keyId}`);
  });

  it("lets instances that start together on a fresh database all start, one of them writing the sentinel", async () => {
    await db.secretKeySentinel.deleteMany();
    const box = openSecretBox(TEST_SECRET_KEY);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => verifySecretKeyAgainstDatabase(db, box)),
    );
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "verified")).toHaveLength(3);
  });

  it("refuses a key whose sentinel row was tampered with", async () => {
    const box = openSecretBox(TEST_SECRET_KEY);
    await verifySecretKeyAgainstDatabase(db, box);
    await db.secretKeySentinel.update({
      where: { keyId: box.keyId },
      data: { ciphertext: box.encrypt("something else", "sentinel") },
    });
    await expect(verifySecretKeyAgainstDatabase(db, box)).rejects.toThrow(/does not decrypt/);
  });
});
