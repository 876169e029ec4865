"use client";

import { useQuery } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { type Role, roleAllows } from "@clawfleet/core/access/role-rank";
import { Button } from "~/components/ui/button";
import { LiveUpdates } from "~/features/live/live-updates";
import { useTRPC } from "~/trpc/react";
import { CONSOLE_PAGES, isActivePage } from "./console-pages";
import { usePageSearchShortcut } from "./use-page-search-shortcut";

// why: the palette (cmdk) is needed only once someone opens it, so it stays out of every page's first load.
const CommandPalette = dynamic(() => import("./command-palette").then((module) => module.CommandPalette), {
  ssr: false,
});

export function ConsoleShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const session = useQuery(trpc.session.current.queryOptions());
  const role = session.data?.role;
  const [menuOpen, setMenuOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  usePageSearchShortcut();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setPaletteOpen((open) => !open);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const teamLine = session.data ? `${session.data.team.name} · ${session.data.role}` : " ";

  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-52 shrink-0 border-r border-zinc-200 bg-zinc-50 p-4 md:sticky md:top-0 md:block md:h-screen md:overflow-y-auto dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/" className="block text-base font-semibold tracking-tight">
          Clawfleet
        </Link>
        <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400" title={session.data?.team.name}>
          {teamLine}
        </p>
        <MainNav role={role} className="mt-6" />
      </aside>
      {menuOpen ? (
        <MenuDrawer
          role={role}
          teamLine={teamLine}
          onClose={() => {
            setMenuOpen(false);
            menuButton.current?.focus();
          }}
        />
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 md:gap-3 md:px-6 dark:border-zinc-800">
          <button
            ref={menuButton}
            type="button"
            aria-label="Open menu"
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(true)}
            className="rounded-md p-2 hover:bg-zinc-100 md:hidden dark:hover:bg-zinc-800"
          >
            <MenuIcon />
          </button>
          <Link href="/" className="font-semibold tracking-tight md:hidden">
            Clawfleet
          </Link>
          <button
            type="button"
            onClick={() => setPaletteOpen(true)}
            aria-keyshortcuts="Control+K Meta+K"
            className="ml-auto flex min-w-0 items-center gap-2 rounded-md border border-zinc-300 px-2.5 py-1.5 text-zinc-500 hover:bg-zinc-50 md:mr-auto md:ml-0 md:w-72 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-900"
          >
            <SearchIcon />
            <span className="sr-only md:not-sr-only">Search…</span>
            <kbd className="ml-auto hidden rounded border border-zinc-300 px-1 font-sans text-xs md:inline dark:border-zinc-700">
              Ctrl K
            </kbd>
          </button>
          <LiveUpdates />
          <span className="hidden truncate text-zinc-600 lg:inline dark:text-zinc-400">
            {session.data?.user.email}
          </span>
          <Button variant="secondary" onClick={() => void signOut({ callbackUrl: "/login" })}>
            Sign out
          </Button>
        </header>
        {session.error ? (
          <div
            role="alert"
            className="m-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900 md:m-6 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          >
            {session.error.message}
          </div>
        ) : (
          <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
        )}
      </div>
      {paletteOpen ? <CommandPalette role={role} onClose={() => setPaletteOpen(false)} /> : null}
    </div>
  );
}

/** The page links; a page the role cannot use stays listed (its page explains), marked with the role it needs. */
function MainNav({
  role,
  className,
  onNavigate,
}: {
  role: Role | undefined;
  className?: string;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={className}>
      <ul className="space-y-1">
        {CONSOLE_PAGES.map((page) => {
          const active = isActivePage(page, pathname);
          const locked = role !== undefined && !roleAllows(role, page.minRole);
          return (
            <li key={page.href}>
              <Link
                href={page.href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                title={locked ? `Needs the ${page.minRole} role; you are ${role}.` : undefined}
                className={`flex items-center justify-between gap-2 rounded-md px-2 py-1.5 ${active ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-800/60"} ${locked ? "text-zinc-500 dark:text-zinc-400" : ""}`}
              >
                {page.label}
                {locked ? (
                  <span className="rounded border border-zinc-300 px-1 text-[11px] leading-4 dark:border-zinc-700">
                    needs {page.minRole}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The navigation on a narrow screen: a modal panel from the left; Escape, the close button or a link closes it. */
function MenuDrawer({
  role,
  teamLine,
  onClose,
}: {
  role: Role | undefined;
  teamLine: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const close = () => dialog.current?.close();

  return (
    <dialog
      ref={dialog}
      aria-label="Menu"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) close();
      }}
      className="m-0 h-full max-h-none w-64 max-w-[85vw] border-r border-zinc-200 bg-zinc-50 p-4 text-zinc-900 backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-base font-semibold tracking-tight">Clawfleet</p>
          <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400">{teamLine}</p>
        </div>
        <button
          type="button"
          aria-label="Close menu"
          onClick={close}
          className="rounded-md p-2 hover:bg-zinc-200 dark:hover:bg-zinc-800"
        >
          <CloseIcon />
        </button>
      </div>
      <MainNav role={role} className="mt-6" onNavigate={close} />
    </dialog>
  );
}

const ICON = {
  width: 18,
  height: 18,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
} as const;

function MenuIcon() {
  return (
    <svg {...ICON}>
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg {...ICON}>
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  );
}

function SearchIcon() {
  return (
    <svg {...ICON} className="shrink-0">
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-3.5-3.5" />
    </svg>
  );
}
