import { z } from "zod";
import { REAUTH_METHODS } from "./reauth-request";

/**
 * What a re-auth covers: profiles picked one by one (an agent's profile, a bulk selection in the auth
 * matrix), or every profile holding one credential, by its keyed fingerprint (the Credentials page).
 */
export const reauthTargetSchema = z.union([
  z.strictObject({
    authProfileIds: z
      .array(z.uuid("Auth profile ids are UUIDs."))
      .min(1, "Pick at least one profile.")
      .max(1000, "At most 1000 profiles per request."),
  }),
  z.strictObject({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "A credential fingerprint is 64 hex characters."),
  }),
]);
export type ReauthTarget = z.infer<typeof reauthTargetSchema>;

export const reauthMethodSchema = z.enum(REAUTH_METHODS);

export const requestReauthSchema = z.object({
  target: reauthTargetSchema,
  method: reauthMethodSchema,
  assigneeId: z.uuid("Assignee ids are UUIDs.").optional(),
  deadline: z.date().optional(),
});
export type RequestReauth = z.infer<typeof requestReauthSchema>;

/** The hand-off link's token: 32 random bytes in base64url. */
export const reauthLinkTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This re-auth link is not valid.");

export const submitReauthCredentialSchema = z.object({
  token: reauthLinkTokenSchema,
  /** Made once per paste by the browser: a double click or a retry sends the same key, with one effect. */
  submissionKey: z.uuid("The submission key is a UUID."),
  // why: a generous cap only; the credential's own rules (and messages) are OpenClaw's, checked after.
  credential: z.string().max(16_384, "The value is far longer than any credential."),
  /** `paste-token --expires-in`: days until the setup-token expires, when known. */
  expiresInDays: z
    .number()
    .int("Whole days only.")
    .min(1, "At least 1 day.")
    .max(3650, "At most 3650 days.")
    .optional(),
});
export type SubmitReauthCredential = z.infer<typeof submitReauthCredentialSchema>;

/** The team webhook's address: http(s), no credentials in it, no fragment. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048, "At most 2048 characters.")
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." }))
  .refine((value) => {
    // why: zod still runs refinements after the URL check failed; that failure is reported already.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === "" && url.password === "" && url.hash === "";
  }, "The URL must not carry a user name, password or #fragment; the body is signed instead.");
