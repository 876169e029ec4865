import { type SecretBox, SecretDecryptError, SecretKeyError } from "./secret-box";
import type { Db } from "./client";

const SENTINEL_PLAINTEXT = "clawfleet secret key sentinel";
const SENTINEL_BINDING = "sentinel";

/**
 * Proves the configured key is the one this database was encrypted with. The first start writes a
 * sentinel; later starts must decrypt it. A database holding sentinels only for other keys is refused,
 * because every stored secret would be unreadable.
 */
export async function verifySecretKeyAgainstDatabase(
  db: Db,
  box: SecretBox,
): Promise<"created" | "verified"> {
  const sentinels = await db.secretKeySentinel.findMany({ select: { keyId: true, ciphertext: true } });
  const own = sentinels.find((sentinel) => sentinel.keyId === box.keyId);
  if (own) {
    try {
      if (box.decrypt(own.ciphertext, SENTINEL_BINDING) === SENTINEL_PLAINTEXT) return "verified";
    } catch (error) {
      if (!(error instanceof SecretDecryptError)) throw error;
    }
    throw new SecretKeyError(
      `CLAWFLEET_SECRET_KEY (key id ${box.keyId}) does not decrypt this database's key sentinel.`,
    );
  }
  if (sentinels.length > 0) {
    const known = sentinels.map((sentinel) => sentinel.keyId).join(", ");
    throw new SecretKeyError(
      `CLAWFLEET_SECRET_KEY (key id ${box.keyId}) is not the key this database was encrypted with (key id ${known}). Start with the original key.`,
    );
  }
  const inserted = await db.secretKeySentinel.createMany({
    data: [{ keyId: box.keyId, ciphertext: box.encrypt(SENTINEL_PLAINTEXT, SENTINEL_BINDING) }],
    skipDuplicates: true,
  });
  // why: instances starting together on a fresh database all find no sentinel; only one insert lands, and the
  // others verify that one instead of refusing to start on a duplicate key.
  if (inserted.count === 0) return verifySecretKeyAgainstDatabase(db, box);
  return "created";
}
