import { z } from "zod";

/** Team roles, weakest first. Each role can do everything the roles before it can. */
export const ROLES = ["viewer", "operator", "admin"] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** True when `held` is at least as strong as `required`. */
export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
