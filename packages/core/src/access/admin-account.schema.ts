import { z } from "zod";
import { inviteMemberSchema, newAccountSchema } from "./membership.schema";

/**
 * An admin account made from the command line (`clawfleet admin create`): the first admin of a new install,
 * or a further admin of a team when nobody can sign in any more. Whoever runs it holds the database
 * credentials, so the email counts as vouched for.
 */
export const adminAccountSchema = z.object({
  email: inviteMemberSchema.shape.email,
  name: newAccountSchema.shape.name,
  password: newAccountSchema.shape.password,
  teamName: z
    .string()
    .trim()
    .min(1, "The team name is required.")
    .max(80, "The team name is at most 80 characters."),
});
export type AdminAccount = z.infer<typeof adminAccountSchema>;

/** The URL-safe slug of a team name: lower-case ASCII letters and digits joined by single hyphens. */
export function teamSlugOf(teamName: string): string {
  const slug = teamName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, 48)
    .replace(/-+$/u, "");
  return slug === "" ? "team" : slug;
}
