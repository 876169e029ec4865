"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { type Role, roleAllows } from "@clawfleet/core/access/role-rank";
import { useTRPC } from "~/trpc/react";
import { CONSOLE_PAGES } from "./console-pages";

const GROUP_HEADING =
  "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-zinc-500 dark:[&_[cmdk-group-heading]]:text-zinc-400";
const ITEM =
  "flex cursor-pointer flex-wrap items-baseline gap-x-2 rounded-md px-3 py-2 data-[selected=true]:bg-sky-100 dark:data-[selected=true]:bg-sky-900/60";
const DETAIL = "min-w-0 truncate text-xs text-zinc-500 dark:text-zinc-400";

/** How long typing must pause before the palette asks the server. */
const SEARCH_DELAY_MS = 150;

function useDebounced(value: string, delayMs: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * ⌘K / Ctrl-K: jump to a page, an agent (by id or name), an auth profile (by id or fingerprint) or a gateway.
 * A modal `<dialog>`: it traps focus and Escape closes it. Mounted while open, so each opening starts empty.
 */
export function CommandPalette({ role, onClose }: { role: Role | undefined; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const debounced = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const hits = useQuery({
    ...trpc.search.console.queryOptions({ text: debounced }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  function go(href: string) {
    dialog.current?.close();
    router.push(href);
  }

  const needle = text.trim().toLowerCase();
  const pages = CONSOLE_PAGES.filter(
    (page) => !needle || `${page.label} ${page.keywords ?? ""}`.toLowerCase().includes(needle),
  );
  const found = needle && hits.data ? hits.data : { agents: [], profiles: [], gateways: [] };

  return (
    <dialog
      ref={dialog}
      aria-label="Command palette"
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className="mx-auto mt-[10vh] w-[calc(100%-2rem)] max-w-xl rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <Command label="Search the console" shouldFilter={false} loop className="flex max-h-[70vh] flex-col">
        <Command.Input
          value={text}
          onValueChange={setText}
          autoFocus
          placeholder="Agents, profiles, fingerprints, gateways, pages…"
          className="w-full border-b border-zinc-200 bg-transparent px-4 py-3 text-base outline-none dark:border-zinc-700"
        />
        <Command.List className={`overflow-y-auto p-1 ${GROUP_HEADING}`}>
          <Command.Empty className="px-3 py-6 text-center text-zinc-500 dark:text-zinc-400">
            {hits.isFetching ? "Searching…" : "Nothing matches."}
          </Command.Empty>
          {pages.length > 0 ? (
            <Command.Group heading="Pages">
              {pages.map((page) => {
                const allowed = role ? roleAllows(role, page.minRole) : true;
                return (
                  <Command.Item
                    key={page.href}
                    value={`page ${page.href}`}
                    onSelect={() => go(page.href)}
                    className={ITEM}
                  >
                    <span>{page.label}</span>
                    {allowed ? null : <span className={DETAIL}>needs {page.minRole}</span>}
                  </Command.Item>
                );
              })}
            </Command.Group>
          ) : null}
          {found.agents.length > 0 ? (
            <Command.Group heading="Agents">
              {found.agents.map((agent) => (
                <Command.Item
                  key={agent.id}
                  value={`agent ${agent.id}`}
                  onSelect={() => go(`/agents/${agent.id}`)}
                  className={ITEM}
                >
                  <span>{agent.name}</span>
                  <span className={`font-mono ${DETAIL}`}>
                    {agent.agentKey} · {agent.gatewayName}
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          ) : null}
          {found.profiles.length > 0 ? (
            <Command.Group heading="Auth profiles">
              {found.profiles.map((profile) => (
                <Command.Item
                  key={profile.id}
                  value={`profile ${profile.id}`}
                  onSelect={() =>
                    go(profile.ownerAgent ? `/agents/${profile.ownerAgent.id}?tab=profiles` : "/credentials")
                  }
                  className={ITEM}
                >
                  <span className="font-mono">{profile.profileId}</span>
                  <span className={DETAIL}>
                    {profile.type} · {profile.gatewayName} ·{" "}
                    {profile.ownerAgent ? `${profile.ownerAgent.name}'s store` : "shared store"}
                    {profile.fingerprint ? ` · fingerprint ${profile.fingerprint.slice(0, 12)}` : ""}
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          ) : null}
          {found.gateways.length > 0 ? (
            <Command.Group heading="Gateways">
              {found.gateways.map((gateway) => (
                <Command.Item
                  key={gateway.id}
                  value={`gateway ${gateway.id}`}
                  onSelect={() => go(`/agents?gateway=${gateway.id}`)}
                  className={ITEM}
                >
                  <span>{gateway.name}</span>
                  <span className={DETAIL}>its agents</span>
                </Command.Item>
              ))}
            </Command.Group>
          ) : null}
        </Command.List>
        {hits.error ? (
          <p
            role="alert"
            className="border-t border-zinc-200 px-4 py-2 text-red-700 dark:border-zinc-700 dark:text-red-300"
          >
            {hits.error.message}
          </p>
        ) : null}
        <p className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          ↑↓ to move · Enter to open · Esc to close
        </p>
      </Command>
    </dialog>
  );
}
