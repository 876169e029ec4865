import type { Role } from "@clawfleet/core/access/role-rank";

/** A top-level console page: where it lives, its name, and the weakest role that can use it. */
export type ConsolePage = { href: string; label: string; minRole: Role; keywords?: string };

/** The console's pages, in navigation order; the sidebar and the command palette both list them. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { href: "/", label: "Fleet status", minRole: "viewer", keywords: "home check overview" },
  { href: "/agents", label: "Agents", minRole: "viewer" },
  { href: "/credentials", label: "Credentials", minRole: "viewer", keywords: "fingerprint keys" },
  { href: "/reauth", label: "Re-auth", minRole: "viewer", keywords: "reauth sign-in webhook" },
  { href: "/auth-matrix", label: "Auth matrix", minRole: "viewer", keywords: "profiles providers" },
  { href: "/gateways", label: "Gateways", minRole: "viewer", keywords: "hosts ingest" },
  { href: "/members", label: "Members", minRole: "viewer", keywords: "invite team roles" },
  { href: "/audit", label: "Audit log", minRole: "admin", keywords: "history events" },
  { href: "/import", label: "Import", minRole: "admin", keywords: "upload openclaw state" },
];

/** Whether a page is the one at `pathname` (the fleet page only at the root; others with their sub-pages). */
export function isActivePage(page: ConsolePage, pathname: string): boolean {
  return page.href === "/"
    ? pathname === "/"
    : pathname === page.href || pathname.startsWith(`${page.href}/`);
}
