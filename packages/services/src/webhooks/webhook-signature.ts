import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook bodies are signed like Stripe's: `X-Clawfleet-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 over `<t>.<raw body>` with the team's signing secret. The timestamp lets receivers refuse
 * replays older than a few minutes.
 */
export const WEBHOOK_SIGNATURE_HEADER = "X-Clawfleet-Signature";
export const WEBHOOK_EVENT_HEADER = "X-Clawfleet-Event";
export const WEBHOOK_DELIVERY_HEADER = "X-Clawfleet-Delivery";

export function signWebhookBody(secret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${digest}`;
}

/** What a receiver does; kept here so the tests prove the documented recipe against real deliveries. */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  { nowSeconds, toleranceSeconds = 300 }: { nowSeconds: number; toleranceSeconds?: number },
): boolean {
  const parts = new Map(
    header.split(",").map((part) => {
      const [key = "", ...rest] = part.trim().split("=");
      return [key, rest.join("=")] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = signWebhookBody(secret, timestamp, body).split("v1=")[1] ?? "";
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
