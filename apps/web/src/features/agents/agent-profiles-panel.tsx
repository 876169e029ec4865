"use client";

import { useQuery } from "@tanstack/react-query";
import type { AgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { Notice } from "~/components/ui/notice";
import { ReauthTrigger, identifyingFingerprint } from "~/features/reauth/reauth-trigger";
import { AddProfileButton } from "~/features/auth-profiles/add-profile-dialog";
import { ClearWindowButton, RemoveProfileButton } from "~/features/auth-profiles/profile-actions";
import { RelocateProfileButton } from "~/features/auth-profiles/relocate-profile-dialog";
import { useTRPC } from "~/trpc/react";

const EXCLUSION_REASONS: Record<string, string> = {
  excluded_by_auth_order: "not listed in the explicit auth order",
  missing_credential: "no credential stored",
  expired: "token expired",
  invalid_expires: "invalid expiry",
  malformed_api_key: "malformed API key",
  unresolved_ref: "secret reference does not resolve",
  setup_inactive: "saved but inactive setup",
  provider_mismatch: "provider mismatch",
  mode_mismatch: "config mode differs from the stored type",
  profile_missing: "listed but not stored",
};

function windowOf(profile: AuthProfileSummary, now: number): string | null {
  if (profile.disabledUntil && profile.disabledUntil.getTime() > now) {
    return `disabled (${profile.disabledReason ?? "unknown"}) until ${profile.disabledUntil.toLocaleString()}`;
  }
  if (profile.cooldownUntil && profile.cooldownUntil.getTime() > now) {
    return `cooldown (${profile.cooldownReason ?? "unknown"}) until ${profile.cooldownUntil.toLocaleString()}`;
  }
  return null;
}

/** OpenClaw's token health in words (facts §1.3): expired, expiring within 24 h, or the expiry date. */
function expiryHealth(expires: Date | null, now: number): string {
  if (!expires) return "no expiry";
  const remaining = expires.getTime() - now;
  if (remaining <= 0) return `expired ${expires.toLocaleString()}`;
  if (remaining <= 24 * 3_600_000) return `expiring in ${Math.max(1, Math.round(remaining / 3_600_000))} h`;
  return `ok until ${expires.toLocaleString()}`;
}

function ProfileTableHead() {
  return (
    <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
      <tr>
        {["#", "Profile", "Type", "Store", "Secret", "Expires", "State"].map((label) => (
          <th key={label} scope="col" className="px-3 py-1">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * The profiles an agent reaches, per provider in OpenClaw's resolved auth order (facts §2.4): usable
 * ones first, those in cooldown or disabled after, and ineligible ones listed with the reason.
 */
export function AgentProfilesPanel({
  agentId,
  settings,
}: {
  agentId: string;
  settings: AgentModelSettings | undefined;
}) {
  const trpc = useTRPC();
  const profiles = useQuery(trpc.authProfiles.forAgent.queryOptions({ agentId }));
  const agent = useQuery(trpc.agents.byId.queryOptions({ agentId }));
  const now = Date.now();
  const addProfile = agent.data ? (
    <div className="flex justify-end">
      <AddProfileButton
        target={{
          kind: "agent",
          agentId,
          agentName: agent.data.name,
          gatewayId: agent.data.gatewayId,
          gatewayName: agent.data.gatewayName,
        }}
      />
    </div>
  ) : null;
  if (profiles.error) return <Notice tone="error">Could not load profiles: {profiles.error.message}</Notice>;
  if (!profiles.data) return <p aria-busy="true">Loading profiles…</p>;
  if (profiles.data.length === 0) {
    return (
      <div className="space-y-3">
        {addProfile}
        <p className="text-zinc-500 dark:text-zinc-400">
          No auth profiles reach this agent. Add one to its gateway&apos;s shared store or to the agent&apos;s
          own store, or import the install.
        </p>
      </div>
    );
  }

  // The agent's own profile wins over a shared one with the same id (facts §3.1).
  const byProfileId = new Map<string, AuthProfileSummary>();
  for (const profile of profiles.data) {
    if (!byProfileId.has(profile.profileId) || profile.owner.kind === "agent")
      byProfileId.set(profile.profileId, profile);
  }
  const ordered = settings?.authOrders ?? [];
  const orderedIds = new Set(
    ordered.flatMap((order) => [
      ...order.profileIds,
      ...order.excluded.map((excluded) => excluded.profileId),
    ]),
  );
  const others = [...byProfileId.values()].filter((profile) => !orderedIds.has(profile.profileId));

  const row = (
    profile: AuthProfileSummary | undefined,
    profileId: string,
    position: string,
    note?: string,
  ) => {
    const unusable = profile ? windowOf(profile, now) : null;
    return (
      <tr key={`${position}-${profileId}`} className="border-t border-zinc-100 dark:border-zinc-800">
        <td className="px-3 py-2 text-zinc-500">{position}</td>
        <td className="px-3 py-2 font-mono text-xs">
          {profileId}
          {profile && settings?.lastGood[profile.provider] === profileId ? (
            <span
              className="ml-1 rounded bg-emerald-100 px-1 font-sans text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
              title="The profile that last worked for this provider (lastGood)"
            >
              ✓ last good
            </span>
          ) : null}
        </td>
        <td className="px-3 py-2">{profile?.type ?? "—"}</td>
        <td className="px-3 py-2">
          {profile ? (profile.owner.kind === "shared" ? "shared" : "agent's own") : "—"}
        </td>
        <td className="px-3 py-2 font-mono text-xs">
          {profile?.secrets.map((secret) => (
            <span key={secret.field} className="block" title={`fingerprint ${secret.fingerprint}`}>
              {secret.field}: {secret.mask} · fp {secret.fingerprint.slice(0, 12)}
            </span>
          ))}
        </td>
        <td className="px-3 py-2">{profile ? expiryHealth(profile.expires, now) : "—"}</td>
        <td className="px-3 py-2">
          {note ? <span className="block text-zinc-600 dark:text-zinc-300">{note}</span> : null}
          {unusable ? <span className="block">⚠ {unusable}</span> : note ? null : "ready"}
          {profile && unusable ? (
            <div className="mt-1">
              <ClearWindowButton profile={profile} now={now} />
            </div>
          ) : null}
          {profile ? (
            <div className="mt-1 flex flex-wrap items-start gap-2">
              <ReauthTrigger
                target={{ authProfileIds: [profile.id] }}
                sharedCredential={identifyingFingerprint(profile)}
              />
              {agent.data ? (
                <RelocateProfileButton
                  profile={profile}
                  agent={{ id: agentId, name: agent.data.name, gatewayName: agent.data.gatewayName }}
                />
              ) : null}
              <RemoveProfileButton profile={profile} />
            </div>
          ) : null}
        </td>
      </tr>
    );
  };

  return (
    <div className="space-y-4">
      {addProfile}
      {ordered.map((order) => (
        <section
          key={order.provider}
          aria-label={`${order.provider} auth order`}
          className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
        >
          <h3 className="bg-zinc-50 px-3 py-2 font-medium dark:bg-zinc-900">
            {order.provider}{" "}
            <span className="font-normal text-zinc-500 dark:text-zinc-400">
              ·{" "}
              {order.explicit
                ? `explicit order (${order.source === "stored-order" ? "stored override" : "config auth.order"})`
                : "round robin: OAuth, then token, then API key, least recently used first"}
            </span>
          </h3>
          <table className="w-full text-left">
            <ProfileTableHead />
            <tbody>
              {order.profileIds.map((profileId, index) =>
                row(byProfileId.get(profileId), profileId, String(index + 1)),
              )}
              {order.excluded.map((excluded) =>
                row(
                  byProfileId.get(excluded.profileId),
                  excluded.profileId,
                  "–",
                  `not used: ${EXCLUSION_REASONS[excluded.reason] ?? excluded.reason}`,
                ),
              )}
            </tbody>
          </table>
        </section>
      ))}
      {others.length > 0 ? (
        <section
          aria-label="Other profiles"
          className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
        >
          <h3 className="bg-zinc-50 px-3 py-2 font-medium dark:bg-zinc-900">
            Providers this agent&apos;s models do not use
          </h3>
          <table className="w-full text-left">
            <ProfileTableHead />
            <tbody>{others.map((profile) => row(profile, profile.profileId, "–"))}</tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
