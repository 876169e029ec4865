import type { Role } from "@clawfleet/core/access/role";

/** The demo logins `npm start` prints. Demo data only: real teams create their own users. */
export const DEMO_TEAM_SLUG = "demo-fleet";
export const DEMO_PASSWORD = "clawfleet-demo";
export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.clawfleet.dev", name: "Ada Admin", role: "admin" },
  { email: "operator@demo.clawfleet.dev", name: "Otto Operator", role: "operator" },
  { email: "viewer@demo.clawfleet.dev", name: "Vera Viewer", role: "viewer" },
];
