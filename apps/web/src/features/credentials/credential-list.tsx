"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Notice } from "~/components/ui/notice";
import { AddProfileButton } from "~/features/auth-profiles/add-profile-dialog";
import { ReauthTrigger } from "~/features/reauth/reauth-trigger";
import { useTRPC } from "~/trpc/react";

const TYPE_LABELS = { api_key: "API key", token: "Setup-token", oauth: "OAuth sign-in" } as const;
const DAY_MS = 86_400_000;

function age(since: Date, now: number): string {
  const days = Math.floor((now - since.getTime()) / DAY_MS);
  return days < 1 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`;
}

function expiry(expires: Date | null, now: number): string {
  if (!expires) return "does not expire";
  const days = (expires.getTime() - now) / DAY_MS;
  if (days < 0) return `expired ${expires.toLocaleString()}`;
  return days < 1
    ? `expires in ${Math.max(1, Math.round(days * 24))} h`
    : `expires in ${Math.round(days)} days`;
}

/** Credential fingerprint → profiles → agents: who is affected if this key is rotated or revoked. */
export function CredentialList() {
  const trpc = useTRPC();
  const usage = useQuery(trpc.credentials.usage.queryOptions());
  // why: other pages link a profile here as `?q=<profile id>`, which opens the list filtered to it.
  const linked = useSearchParams().get("q") ?? "";
  const [filter, setFilter] = useState(linked);
  const now = Date.now();
  const needle = filter.trim().toLowerCase();
  const shown =
    usage.data?.filter(
      (credential) =>
        !needle ||
        credential.fingerprint.startsWith(needle) ||
        credential.mask.toLowerCase().includes(needle) ||
        credential.provider.includes(needle) ||
        credential.profiles.some(
          (profile) =>
            profile.profileId.toLowerCase().includes(needle) ||
            profile.agents.some((agent) => agent.name.toLowerCase().includes(needle)),
        ),
    ) ?? [];

  return (
    <section aria-labelledby="credentials-heading" className="max-w-6xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="credentials-heading" className="text-xl font-semibold">
            Credentials
          </h1>
          <p className="text-zinc-500 dark:text-zinc-400">
            Each stored secret once, by its fingerprint, with every profile that holds it and every agent that
            reaches it (directly or by inheriting a gateway&apos;s shared store). Secrets themselves are never
            shown.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <AddProfileButton target={{ kind: "gateway" }} />
          <label>
            <span className="sr-only">Filter credentials</span>
            <input
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              placeholder="Fingerprint, mask, profile or agent"
              className="w-72 rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 dark:border-zinc-700"
            />
          </label>
        </div>
      </div>
      {usage.error ? <Notice tone="error">Could not load credentials: {usage.error.message}</Notice> : null}
      {!usage.data ? <p aria-busy="true">Loading credentials…</p> : null}
      {usage.data?.length === 0 ? (
        <Notice tone="info">
          No credentials stored yet.{" "}
          <Link className="underline" href="/import">
            Import an OpenClaw install
          </Link>{" "}
          to bring its auth profiles in.
        </Notice>
      ) : null}
      {usage.data && usage.data.length > 0 && shown.length === 0 ? (
        <p className="text-zinc-500">No credential matches “{filter}”.</p>
      ) : null}
      <ul className="space-y-3">
        {shown.map((credential) => (
          <li
            key={credential.fingerprint}
            className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            aria-label={`Credential ${credential.mask}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p>
                <span className="font-mono">{credential.mask}</span>{" "}
                <span className="text-zinc-500 dark:text-zinc-400">
                  · {credential.provider} · {TYPE_LABELS[credential.type]} · fp{" "}
                  <span className="font-mono">{credential.fingerprint.slice(0, 12)}</span>
                </span>
              </p>
              <p className="font-medium" data-testid="affected">
                Rotating it affects {credential.agentCount} agent{credential.agentCount === 1 ? "" : "s"}
              </p>
            </div>
            <ReauthTrigger target={{ fingerprint: credential.fingerprint }} label="Re-auth everywhere" />
            <p className="text-zinc-500 dark:text-zinc-400">
              First stored {age(credential.firstStoredAt, now)} · {expiry(credential.expires, now)}
            </p>
            <ul className="mt-2 space-y-2">
              {credential.profiles.map((profile) => (
                <li key={profile.authProfileId}>
                  <details>
                    <summary className="cursor-pointer">
                      <span className="font-mono text-xs">{profile.profileId}</span> on {profile.gatewayName}{" "}
                      ·{" "}
                      {profile.owner.kind === "shared"
                        ? "shared store"
                        : `${profile.owner.agentName}'s own store`}
                      {profile.email ? ` · ${profile.email}` : ""} · {profile.agentCount} agent
                      {profile.agentCount === 1 ? "" : "s"}
                    </summary>
                    <ul className="mt-1 flex flex-wrap gap-1 pl-4">
                      {profile.agents.map((agent) => (
                        <li key={agent.id}>
                          <Link
                            href={`/agents/${agent.id}?tab=profiles`}
                            className="inline-block rounded bg-zinc-100 px-1.5 py-0.5 text-xs hover:underline dark:bg-zinc-800"
                          >
                            {agent.name}
                          </Link>
                        </li>
                      ))}
                      {profile.agentCount > profile.agents.length ? (
                        <li className="text-xs text-zinc-500">
                          and {profile.agentCount - profile.agents.length} more (
                          <Link className="underline" href={`/agents?gateway=${profile.gatewayId}`}>
                            all of {profile.gatewayName}
                          </Link>
                          )
                        </li>
                      ) : null}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
