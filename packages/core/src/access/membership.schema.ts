import { z } from "zod";
import { roleSchema } from "./role";

export const MIN_PASSWORD_LENGTH = 12;

export const inviteMemberSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address.").max(254, "Email is at most 254 characters.")),
  role: roleSchema,
});
export type InviteMember = z.infer<typeof inviteMemberSchema>;

export const newAccountSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(120, "Name is at most 120 characters."),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Password is at most 200 characters."),
});
export type NewAccount = z.infer<typeof newAccountSchema>;

/** The invitation token from the link: 32 random bytes in base64url. */
export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid.");

/** The token of a mailed sign-up link: the same shape as an invitation token. */
export const signUpTokenSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{43}$/,
    "This sign-up link is not valid. Open the invitation again to get a new one.",
  );
