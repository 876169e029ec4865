"use client";

import { useQuery } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { LiveUpdates } from "~/features/live/live-updates";
import { useTRPC } from "~/trpc/react";

const NAV_ITEMS = [
  { href: "/", label: "Fleet status" },
  { href: "/agents", label: "Agents" },
  { href: "/credentials", label: "Credentials" },
  { href: "/reauth", label: "Re-auth" },
  { href: "/auth-matrix", label: "Auth matrix" },
  { href: "/gateways", label: "Gateways" },
  { href: "/members", label: "Members" },
  { href: "/audit", label: "Audit log" },
  { href: "/import", label: "Import" },
] as const;

export function ConsoleShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const session = useQuery(trpc.session.current.queryOptions());

  return (
    <div className="flex min-h-screen">
      <nav
        aria-label="Main"
        className="w-52 shrink-0 border-r border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Link href="/" className="block text-base font-semibold tracking-tight">
          Clawfleet
        </Link>
        <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400" title={session.data?.team.name}>
          {session.data ? `${session.data.team.name} · ${session.data.role}` : " "}
        </p>
        <ul className="mt-6 space-y-1">
          {NAV_ITEMS.map((item) => {
            const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={`block rounded-md px-2 py-1.5 ${active ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-800/60"}`}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-zinc-200 px-6 py-2 dark:border-zinc-800">
          <LiveUpdates />
          <span className="text-zinc-600 dark:text-zinc-400">{session.data?.user.email}</span>
          <Button variant="secondary" onClick={() => void signOut({ callbackUrl: "/login" })}>
            Sign out
          </Button>
        </header>
        {session.error ? (
          <div
            role="alert"
            className="m-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          >
            {session.error.message}
          </div>
        ) : (
          <main className="flex-1 p-6">{children}</main>
        )}
      </div>
    </div>
  );
}
