import { z } from "zod";
import { ROLES } from "./role-rank";

export { ROLES, type Role, roleAllows } from "./role-rank";

export const roleSchema = z.enum(ROLES);
