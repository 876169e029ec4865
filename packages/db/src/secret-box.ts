/**
 * Encryption of credential secrets at rest: AES-256-GCM with a fresh 96-bit nonce per write and
 * additional data that binds each ciphertext to its team, row and field, so a ciphertext copied to
 * another row does not decrypt. Stored as `v1:<keyId>:<nonce>:<ciphertext+tag>` (base64url parts).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

const FORMAT_VERSION = "v1";
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {
  override readonly name = "SecretKeyError";
}

/** A failed decryption: wrong key, tampered bytes, or a ciphertext moved to another row. */
export class SecretDecryptError extends Error {
  override readonly name = "SecretDecryptError";
}

export type SecretBox = {
  /** Short public id of the key, stored with every ciphertext so rotation can tell keys apart. */
  readonly keyId: string;
  encrypt(plaintext: string, boundTo: string): string;
  decrypt(stored: string, boundTo: string): string;
  /**
   * The same scheme for large binary payloads (an import's stored upload): `v1:<keyId>:` in ASCII, then the
   * nonce, the ciphertext and the tag, with no text encoding around them.
   */
  encryptBytes(plaintext: Uint8Array, boundTo: string): Uint8Array;
  decryptBytes(stored: Uint8Array, boundTo: string): Uint8Array;
  /** Keyed fingerprint of a secret, per team: equal secrets in one team share it; teams never do. */
  fingerprint(teamId: string, plaintext: string): string;
  /** {@link SecretBox.fingerprint} of a text given in pieces, for texts too large to build whole. */
  fingerprinter(teamId: string): TextFingerprinter;
};

export type TextFingerprinter = { update(piece: string): void; digest(): string };

/** Parses `CLAWFLEET_SECRET_KEY` (32 bytes, base64) or explains exactly what is wrong with it. */
export function openSecretBox(encodedKey: string | undefined): SecretBox {
  if (encodedKey === undefined || encodedKey.trim() === "") {
    throw new SecretKeyError(
      "CLAWFLEET_SECRET_KEY is not set. Set it to 32 random bytes in base64, e.g. `openssl rand -base64 32`.",
    );
  }
  const key = Buffer.from(encodedKey.trim(), "base64");
  if (key.length !== KEY_BYTES || key.toString("base64") !== encodedKey.trim()) {
    throw new SecretKeyError(
      `CLAWFLEET_SECRET_KEY must be exactly ${KEY_BYTES} bytes in base64 (got ${key.length} bytes). Generate one with \`openssl rand -base64 32\`.`,
    );
  }
  const keyId = createHash("sha256").update("clawfleet-key-id\0").update(key).digest("hex").slice(0, 16);
  const fingerprintKey = Buffer.from(
    hkdfSync("sha256", key, Buffer.alloc(0), "clawfleet fingerprint v1", 32),
  );

  const fingerprinter = (teamId: string): TextFingerprinter => {
    const hmac = createHmac("sha256", fingerprintKey).update(teamId).update("\0");
    return {
      update: (piece) => void hmac.update(piece),
      digest: () => hmac.digest("hex"),
    };
  };
  const binaryHeader = Buffer.from(`${FORMAT_VERSION}:${keyId}:`, "ascii");

  return {
    keyId,
    encrypt(plaintext, boundTo) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      cipher.setAAD(additionalData(keyId, boundTo));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return [FORMAT_VERSION, keyId, nonce.toString("base64url"), body.toString("base64url")].join(":");
    },
    decrypt(stored, boundTo) {
      const [version, storedKeyId, nonceText, bodyText, ...rest] = stored.split(":");
      if (version !== FORMAT_VERSION || !nonceText || !bodyText || rest.length > 0) {
        throw new SecretDecryptError("Stored secret is not in a known format.");
      }
      if (storedKeyId !== keyId) {
        throw new SecretDecryptError(
          `Stored secret was encrypted with key ${storedKeyId}, not the configured key ${keyId}.`,
        );
      }
      const nonce = Buffer.from(nonceText, "base64url");
      const body = Buffer.from(bodyText, "base64url");
      if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
        throw new SecretDecryptError("Stored secret is truncated.");
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, nonce);
        decipher.setAAD(additionalData(keyId, boundTo));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new SecretDecryptError(
          "Stored secret failed its integrity check (wrong key, tampered, or moved from another row).",
        );
      }
    },
    encryptBytes(plaintext, boundTo) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      cipher.setAAD(additionalData(keyId, boundTo));
      return Buffer.concat([
        binaryHeader,
        nonce,
        cipher.update(plaintext),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
    },
    decryptBytes(stored, boundTo) {
      const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      const header = bytes.subarray(0, binaryHeader.length);
      if (!header.equals(binaryHeader)) {
        const known = header.toString("ascii").startsWith(`${FORMAT_VERSION}:`);
        throw new SecretDecryptError(
          known ? "Stored data was encrypted with another key." : "Stored data is not in a known format.",
        );
      }
      const body = bytes.subarray(binaryHeader.length);
      if (body.length < NONCE_BYTES + TAG_BYTES) throw new SecretDecryptError("Stored data is truncated.");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, body.subarray(0, NONCE_BYTES));
        decipher.setAAD(additionalData(keyId, boundTo));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new SecretDecryptError(
          "Stored data failed its integrity check (wrong key, tampered, or moved from another row).",
        );
      }
    },
    fingerprint(teamId, plaintext) {
      const hasher = fingerprinter(teamId);
      hasher.update(plaintext);
      return hasher.digest();
    },
    fingerprinter,
  };
}

function additionalData(keyId: string, boundTo: string): Buffer {
  return Buffer.from(`clawfleet:${FORMAT_VERSION}|${keyId}|${boundTo}`, "utf8");
}

/** The binding of a profile's secret field: team, profile row and field name. */
export function profileSecretBinding(teamId: string, authProfileId: string, field: string): string {
  return `${teamId}|auth-profile|${authProfileId}|${field}`;
}
