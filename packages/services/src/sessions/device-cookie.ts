import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { normalizeEmail } from "@clawfleet/db/user.repository";

/**
 * OWASP's "device cookies": after a successful sign-in the browser gets `<device id>.<HMAC(account, device id)>`.
 * Presented again for the same account, it moves the attempt into that device's own throttle, so guesses made
 * elsewhere slow down unknown devices only. The HMAC binds the cookie to one account; it proves nothing else
 * (it is not a session), and a stolen one only buys its holder that device's allowance.
 */
export const DEVICE_COOKIE_NAME = "clawfleet-device";
/** A device is remembered for 180 days after its last successful sign-in. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

function signature(secret: string, email: string, deviceId: string): string {
  return createHmac("sha256", secret)
    .update(`clawfleet-device-cookie\n${normalizeEmail(email)}\n${deviceId}`)
    .digest("base64url");
}

/** A fresh cookie value for a browser that just signed in to `email`. */
export function issueDeviceCookie(secret: string, email: string): string {
  const deviceId = randomBytes(16).toString("base64url");
  return `${deviceId}.${signature(secret, email, deviceId)}`;
}

/** The device id when `value` was issued for `email` with `secret`; null for anything else. */
export function verifyDeviceCookie(secret: string, value: string | undefined, email: string): string | null {
  const [deviceId, presented, ...rest] = (value ?? "").split(".");
  if (!deviceId || !presented || rest.length > 0) return null;
  const expected = Buffer.from(signature(secret, email, deviceId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}
