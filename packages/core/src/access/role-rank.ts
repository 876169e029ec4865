/**
 * Team roles and their order, without zod: browser code that only compares roles (the console's navigation)
 * imports this and keeps the schema library out of every page's first load.
 */

/** Team roles, weakest first. Each role can do everything the roles before it can. */
export const ROLES = ["viewer", "operator", "admin"] as const;

export type Role = (typeof ROLES)[number];

/** True when `held` is at least as strong as `required`. */
export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
