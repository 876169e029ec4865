"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FilterSelect } from "~/components/ui/filter-select";
import { Notice } from "~/components/ui/notice";
import { ReauthTrigger } from "~/features/reauth/reauth-trigger";
import { useTRPC } from "~/trpc/react";

/**
 * Bulk re-auth from the matrix: for the selected agents and one provider, the profiles they use now become
 * one re-auth request (a request covers one provider).
 */
export function MatrixReauthAction({ agentIds, providers }: { agentIds: string[]; providers: string[] }) {
  const trpc = useTRPC();
  const [provider, setProvider] = useState(
    providers.includes("anthropic") ? "anthropic" : (providers[0] ?? ""),
  );
  const targets = useQuery({
    ...trpc.authMatrix.reauthTargets.queryOptions({ agentIds, provider }),
    enabled: agentIds.length > 0 && provider !== "",
  });
  if (agentIds.length === 0 || providers.length === 0) return null;
  const profileCount = targets.data?.authProfileIds.length ?? 0;
  return (
    <div className="flex flex-wrap items-start gap-2" aria-label="Bulk re-auth">
      <FilterSelect
        id="reauth-provider"
        label="Provider to re-auth"
        anyLabel="Choose a provider"
        value={provider}
        options={providers.map((name) => ({ value: name, label: name }))}
        onChange={setProvider}
      />
      {targets.error ? <Notice tone="error">{targets.error.message}</Notice> : null}
      {targets.data && profileCount > 0 ? (
        <ReauthTrigger
          key={`${provider}:${targets.data.authProfileIds.join(",")}`}
          target={{ authProfileIds: targets.data.authProfileIds }}
          label={`Request re-auth (${profileCount} ${provider} profile${profileCount === 1 ? "" : "s"})`}
        />
      ) : null}
      {targets.data && profileCount === 0 ? (
        <span className="text-zinc-500 dark:text-zinc-400">
          The selected agents have no stored {provider} profile to re-auth.
        </span>
      ) : null}
      {targets.data && targets.data.skipped.length > 0 && profileCount > 0 ? (
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          Not covered:{" "}
          {targets.data.skipped.map((entry) => `${entry.agentName} (${entry.reason})`).join(", ")}
        </span>
      ) : null}
    </div>
  );
}
