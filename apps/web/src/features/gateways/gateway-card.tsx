"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { GatewayEdit } from "@clawfleet/core/fleet/gateway-edit.schema";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { ConfigSnippetPanel } from "~/features/export/config-snippet-panel";
import { IngestTokenCard } from "~/features/status/ingest-token-card";
import { useTRPC } from "~/trpc/react";
import { HostAgentPanel } from "./host-agent-panel";
import {
  GatewayForm,
  type GatewayFieldErrors,
  type GatewaySaveFailure,
  gatewayFieldErrorsFrom,
} from "./gateway-form";

export type GatewayCardData = GatewayEdit & {
  id: string;
  agentCount: number;
  lastSeenAt: Date | null;
  ingestTokenHint: string | null;
  version: number;
};

function editableFields({ name, stateDir, homeDir, openclawVersion }: GatewayEdit): GatewayEdit {
  return { name, stateDir, homeDir, openclawVersion };
}

function describe(gateway: GatewayEdit): string {
  return `name ${gateway.name}, state dir ${gateway.stateDir}, home dir ${gateway.homeDir}, OpenClaw ${gateway.openclawVersion}`;
}

/**
 * One gateway. Admins edit it in place; the draft keeps the version it started from, so a save that
 * someone else overtook shows their version and offers to reapply.
 */
export function GatewayCard({
  gateway,
  editReason,
}: {
  gateway: GatewayCardData;
  editReason: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<{ value: GatewayEdit; baseVersion: number } | null>(null);
  const [serverErrors, setServerErrors] = useState<GatewayFieldErrors>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const update = useMutation(trpc.gateways.update.mutationOptions());

  async function save(value: GatewayEdit, baseVersion: number) {
    setSaved(false);
    setServerErrors({});
    try {
      await update.mutateAsync({ gatewayId: gateway.id, expectedVersion: baseVersion, edit: value });
      setDraft(null);
      setConflict(null);
      setSaved(true);
    } catch (error) {
      const failure = error as GatewaySaveFailure;
      if (failure.data?.code === "CONFLICT" && !gatewayFieldErrorsFrom(failure).name)
        setConflict(failure.message);
      else setServerErrors(gatewayFieldErrorsFrom(failure));
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.gateways.list.queryKey() });
    }
  }

  return (
    <li className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      {draft ? (
        <>
          <h2 className="mb-2 font-medium">Edit {gateway.name}</h2>
          {conflict ? (
            <div className="mb-3">
              <Notice tone="warning" role="alert">
                <p>{conflict}</p>
                <p className="mt-1">
                  Their version (v{gateway.version}): {describe(gateway)}.
                </p>
                <div className="mt-2 flex gap-2">
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => void save(draft.value, gateway.version)}
                  >
                    Reapply my changes
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => {
                      setConflict(null);
                      setDraft(null);
                    }}
                  >
                    Keep theirs
                  </Button>
                </div>
              </Notice>
            </div>
          ) : null}
          {update.error && !conflict && Object.keys(serverErrors).length === 0 ? (
            <div className="mb-3">
              <Notice tone="error">{update.error.message}</Notice>
            </div>
          ) : null}
          <GatewayForm
            idPrefix={`gateway-${gateway.id}`}
            value={draft.value}
            onChange={(value) => setDraft({ ...draft, value })}
            onSubmit={(value) => void save(value, draft.baseVersion)}
            onCancel={() => {
              setDraft(null);
              setConflict(null);
              setServerErrors({});
            }}
            submitLabel="Save gateway"
            pending={update.isPending}
            serverErrors={serverErrors}
          />
        </>
      ) : (
        <>
          <div className="flex items-start justify-between gap-2">
            <h2 className="font-medium">{gateway.name}</h2>
            <Button
              variant="secondary"
              disabled={editReason !== null}
              title={editReason ?? undefined}
              aria-label={`Edit ${gateway.name}`}
              onClick={() => {
                setSaved(false);
                setDraft({ value: editableFields(gateway), baseVersion: gateway.version });
              }}
            >
              Edit
            </Button>
          </div>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="text-zinc-500 dark:text-zinc-400">State dir</dt>
            <dd className="font-mono text-xs leading-5">{gateway.stateDir}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Home dir</dt>
            <dd className="font-mono text-xs leading-5">{gateway.homeDir}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">OpenClaw</dt>
            <dd>{gateway.openclawVersion}</dd>
          </dl>
          <p className="mt-2">
            <Link className="text-sky-700 underline dark:text-sky-400" href={`/agents?gateway=${gateway.id}`}>
              {gateway.agentCount} agents
            </Link>
            {" · "}
            <Link
              className="text-sky-700 underline dark:text-sky-400"
              href={`/gateways/${gateway.id}/defaults`}
              aria-label={`Defaults of ${gateway.name}`}
            >
              Defaults
            </Link>
          </p>
          <p className="text-zinc-500 dark:text-zinc-400">
            {gateway.lastSeenAt
              ? `Last report ${gateway.lastSeenAt.toLocaleString()}`
              : "No status report received yet"}
          </p>
          {saved ? (
            <div className="mt-2">
              <Notice tone="success">Gateway saved (version {gateway.version}).</Notice>
            </div>
          ) : null}
          <div className="mt-3">
            <HostAgentPanel gatewayId={gateway.id} gatewayName={gateway.name} />
          </div>
          {editReason === null ? (
            <div className="mt-3">
              <IngestTokenCard
                gatewayId={gateway.id}
                version={gateway.version}
                hint={gateway.ingestTokenHint}
              />
            </div>
          ) : null}
          <div className="mt-3">
            <ConfigSnippetPanel
              target={{ gatewayId: gateway.id }}
              title={`Export ${gateway.name}'s config`}
            />
          </div>
        </>
      )}
    </li>
  );
}
