"use client";

import type { ReactNode } from "react";
import { formatRemainingShort } from "@clawfleet/core/auth-usage/format-remaining";
import type { ModelsStatus } from "@clawfleet/core/models-status/models-status-report";
import type { StatusSnapshotView } from "@clawfleet/core/status-drift/status-snapshot-view";

/** Whether a field (by diff path) drifts: `isDrift("auth.providers[openai]")` also matches its children. */
export type DriftLookup = (path: string) => boolean;

const CHECK_WORDS = {
  0: "OK",
  1: "Missing, expired or unavailable auth",
  2: "Expiring soon",
} as const;
const CHECK_TONES = {
  0: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  1: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  2: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
} as const;

/** `openclaw models status --check` as a badge: the exit code and its meaning in words. */
export function CheckBadge({ check }: { check: 0 | 1 | 2 }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-xs font-medium ${CHECK_TONES[check]}`}
    >
      <span className="font-mono">--check {check}</span> · {CHECK_WORDS[check]}
    </span>
  );
}

function Row({ label, drift, children }: { label: string; drift: boolean; children: ReactNode }) {
  return (
    <div
      className={`grid grid-cols-[9rem_1fr] gap-2 px-2 py-1 ${drift ? "rounded bg-amber-100 dark:bg-amber-900/40" : ""}`}
    >
      <dt className="text-zinc-500 dark:text-zinc-400">
        {label}
        {drift ? <DriftMark /> : null}
      </dt>
      <dd className="min-w-0 break-words font-mono text-xs">{children}</dd>
    </div>
  );
}

function DriftMark() {
  return (
    <span className="ml-1 rounded bg-amber-200 px-1 text-[0.65rem] font-semibold uppercase text-amber-950 dark:bg-amber-700 dark:text-amber-50">
      drift
    </span>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h4 className="mb-2 text-sm font-semibold">{title}</h4>
      {children}
    </section>
  );
}

const listOrDash = (values: readonly string[]) => (values.length === 0 ? "—" : values.join(", "));

/** A live countdown to an epoch-ms instant, in OpenClaw's short form, plus the local time. */
function Countdown({ until, now }: { until: number; now: number }) {
  const remaining = until - now;
  return (
    <span title={new Date(until).toLocaleString()}>
      {remaining <= 0 ? "ended" : `${formatRemainingShort(remaining)} left`} (until{" "}
      {new Date(until).toLocaleString()})
    </span>
  );
}

function ModelsCard({ status, isDrift }: { status: ModelsStatus; isDrift: DriftLookup }) {
  const aliases = Object.entries(status.aliases).map(([alias, ref]) => `${alias} → ${ref}`);
  const utility =
    status.utilityModel.source === "disabled"
      ? "off"
      : `${status.utilityModel.ref ?? "—"} (${status.utilityModel.source})`;
  return (
    <Card title="Models">
      <dl>
        <Row label="Default" drift={isDrift("resolvedDefault") || isDrift("defaultModel")}>
          {status.resolvedDefault}
          {status.defaultModel !== status.resolvedDefault ? ` (from ${status.defaultModel})` : ""}
          {status.modelConfig ? ` · from ${status.modelConfig.defaultSource}` : ""}
        </Row>
        <Row label={`Fallbacks (${status.fallbacks.length})`} drift={isDrift("fallbacks")}>
          {status.fallbacks.length === 0
            ? "— (primary only)"
            : status.fallbacks.map((ref, index) => `${index + 1}. ${ref}`).join("  ")}
        </Row>
        <Row label="Utility model" drift={isDrift("utilityModel")}>
          {utility}
        </Row>
        <Row label="Image model" drift={isDrift("imageModel") || isDrift("imageFallbacks")}>
          {status.imageModel ?? "—"}
          {status.imageFallbacks.length > 0 ? ` then ${status.imageFallbacks.join(", ")}` : ""}
        </Row>
        <Row label={`Aliases (${aliases.length})`} drift={isDrift("aliases")}>
          {listOrDash(aliases)}
        </Row>
        <Row label={`Allowed (${status.allowed.length})`} drift={isDrift("allowed")}>
          {status.allowed.length === 0 ? "all models" : status.allowed.join(", ")}
        </Row>
      </dl>
    </Card>
  );
}

function ProvidersCard({ status, isDrift }: { status: ModelsStatus; isDrift: DriftLookup }) {
  const { auth } = status;
  return (
    <Card title={`Providers (${auth.providers.length})`}>
      {auth.providers.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No provider has any credential.</p>
      ) : (
        <ul className="space-y-2">
          {auth.providers.map((row) => (
            <li
              key={row.provider}
              className={`rounded px-2 py-1 ${isDrift(`auth.providers[${row.provider}]`) ? "bg-amber-100 dark:bg-amber-900/40" : ""}`}
            >
              <p>
                <span className="font-medium">{row.provider}</span>
                {isDrift(`auth.providers[${row.provider}]`) ? <DriftMark /> : null} · effective{" "}
                <span className="font-mono text-xs">
                  {row.effective.kind}:{row.effective.detail}
                </span>{" "}
                · {row.profiles.count} profile{row.profiles.count === 1 ? "" : "s"} ({row.profiles.oauth}{" "}
                OAuth, {row.profiles.token} token, {row.profiles.apiKey} API key)
              </p>
              {row.profiles.labels.length > 0 ? (
                <ul className="ml-4 list-disc font-mono text-xs">
                  {row.profiles.labels.map((label) => (
                    <li key={label}>{label}</li>
                  ))}
                </ul>
              ) : null}
              {row.env ? (
                <p className="font-mono text-xs">
                  env {row.env.value} ({row.env.source})
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {auth.missingProvidersInUse.length > 0 ? (
        <p
          className={`mt-2 ${isDrift("auth.missingProvidersInUse") ? "rounded bg-amber-100 px-2 dark:bg-amber-900/40" : ""}`}
        >
          <span className="font-semibold">Missing auth for providers in use: </span>
          {auth.missingProvidersInUse.join(", ")}. Run{" "}
          <code>openclaw models auth login --provider &lt;p&gt;</code> or set an API key env var.
        </p>
      ) : null}
    </Card>
  );
}

function IssuesCard({ status, isDrift }: { status: ModelsStatus; isDrift: DriftLookup }) {
  const { modelRouteIssues, runtimeAuthRoutes } = status.auth;
  if (modelRouteIssues.length === 0 && runtimeAuthRoutes.length === 0) return null;
  return (
    <Card title="Routes">
      <ul className="space-y-1">
        {modelRouteIssues.map((issue) => (
          <li
            key={`${issue.kind}:${issue.provider}/${issue.model}`}
            className={
              isDrift(`auth.modelRouteIssues[${issue.kind}:${issue.provider}/${issue.model}]`)
                ? "rounded bg-amber-100 px-2 dark:bg-amber-900/40"
                : ""
            }
          >
            <span className="font-mono text-xs">
              {issue.provider}/{issue.model}
            </span>{" "}
            [{issue.kind}] {issue.message}
          </li>
        ))}
        {runtimeAuthRoutes.map((route) => (
          <li key={`${route.provider} via ${route.runtime}`}>
            <span className="font-mono text-xs">{route.provider}</span> via {route.runtime} uses{" "}
            {route.authProvider}: <span className="font-medium">{route.status}</span>
            {route.runtimeDetail ? ` — ${route.runtimeDetail}` : ""}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function UnusableCard({ status, isDrift, now }: { status: ModelsStatus; isDrift: DriftLookup; now: number }) {
  const { unusableProfiles } = status.auth;
  return (
    <Card title={`Unusable profiles (${unusableProfiles.length})`}>
      {unusableProfiles.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">None: no profile is in cooldown or disabled.</p>
      ) : (
        <ul className="space-y-2">
          {unusableProfiles.map((profile) => (
            <li
              key={profile.profileId}
              className={`rounded px-2 py-1 ${isDrift(`auth.unusableProfiles[${profile.profileId}]`) ? "bg-amber-100 dark:bg-amber-900/40" : ""}`}
            >
              <p>
                <span className="font-mono text-xs">{profile.profileId}</span> —{" "}
                <span className="font-medium">
                  {profile.kind}
                  {(profile.classification ?? profile.reason)
                    ? ` (${profile.classification ?? profile.reason})`
                    : ""}
                </span>
                , <Countdown until={profile.until} now={now} />
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">{profile.recoveryHint}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const HEALTH_WORDS = {
  ok: "ok",
  expiring: "expiring soon",
  expired: "expired",
  missing: "missing",
  static: "static (no expiry)",
} as const;

function HealthCard({ status, isDrift, now }: { status: ModelsStatus; isDrift: DriftLookup; now: number }) {
  const { profiles } = status.auth.oauth;
  return (
    <Card title="OAuth and token health">
      {profiles.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No stored profiles.</p>
      ) : (
        <ul className="space-y-1">
          {profiles.map((profile) => (
            <li
              key={profile.profileId}
              className={`rounded px-2 ${isDrift(`auth.oauth.profiles[${profile.profileId}]`) ? "bg-amber-100 dark:bg-amber-900/40" : ""}`}
            >
              <span className="font-mono text-xs">{profile.label}</span> · {profile.type} ·{" "}
              <span className="font-medium">{HEALTH_WORDS[profile.status]}</span>
              {profile.reasonCode ? ` (${profile.reasonCode})` : ""}
              {profile.expiresAt !== undefined ? (
                <>
                  {" "}
                  · <Countdown until={profile.expiresAt} now={now} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The readable view of one snapshot: cards for models, providers, unusable profiles and auth health. */
export function StatusRenderedView({
  view,
  isDrift,
  now,
}: {
  view: StatusSnapshotView;
  isDrift: DriftLookup;
  now: number;
}) {
  if (view.kind === "cli-error") {
    return (
      <div
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950"
      >
        <p className="font-semibold">OpenClaw refused to report (exit code 1):</p>
        <p className="whitespace-pre-wrap font-mono text-xs">{view.message}</p>
      </div>
    );
  }
  if (view.kind === "unreadable") {
    return (
      <p role="alert">
        This stored report can no longer be read: {view.problem.path} {view.problem.message}.
      </p>
    );
  }
  const { status } = view;
  return (
    <div className="space-y-3">
      {view.version !== "2026.9.6" ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          Printed by OpenClaw {view.version}; shown in the 2026.9.6 layout (fields that version did not print
          are empty).
        </p>
      ) : null}
      <ModelsCard status={status} isDrift={isDrift} />
      <ProvidersCard status={status} isDrift={isDrift} />
      <IssuesCard status={status} isDrift={isDrift} />
      <UnusableCard status={status} isDrift={isDrift} now={now} />
      <HealthCard status={status} isDrift={isDrift} now={now} />
    </div>
  );
}
