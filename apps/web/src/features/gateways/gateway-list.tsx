"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { GatewayEdit } from "@clawfleet/core/fleet/gateway-edit.schema";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { GatewayCard } from "./gateway-card";
import { GatewayForm, type GatewayFieldErrors, gatewayFieldErrorsFrom } from "./gateway-form";

const NEW_GATEWAY: GatewayEdit = {
  name: "",
  stateDir: "~/.openclaw",
  homeDir: "/home/openclaw",
  openclawVersion: "2026.9.6",
};

function CreateGateway({ onDone }: { onDone: (name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(NEW_GATEWAY);
  const [serverErrors, setServerErrors] = useState<GatewayFieldErrors>({});
  const create = useMutation(
    trpc.gateways.create.mutationOptions({
      onSuccess: async (gateway) => {
        await queryClient.invalidateQueries({ queryKey: trpc.gateways.list.queryKey() });
        onDone(gateway.name);
      },
      onError: (error) => setServerErrors(gatewayFieldErrorsFrom(error)),
    }),
  );
  return (
    <section
      aria-labelledby="new-gateway-heading"
      className="mt-4 max-w-xl rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="new-gateway-heading" className="mb-2 font-medium">
        New gateway
      </h2>
      {create.error && Object.keys(serverErrors).length === 0 ? (
        <div className="mb-3">
          <Notice tone="error">{create.error.message}</Notice>
        </div>
      ) : null}
      <GatewayForm
        idPrefix="new-gateway"
        value={value}
        onChange={setValue}
        onSubmit={(valid) => {
          setServerErrors({});
          create.mutate(valid);
        }}
        onCancel={() => onDone("")}
        submitLabel="Create gateway"
        pending={create.isPending}
        serverErrors={serverErrors}
      />
    </section>
  );
}

export function GatewayList() {
  const trpc = useTRPC();
  const gateways = useQuery(trpc.gateways.list.queryOptions());
  const { whyNot } = useSessionRole();
  const editReason = whyNot("admin") ? `Only admins edit gateways. ${whyNot("admin")}` : null;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  return (
    <section aria-labelledby="gateways-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="gateways-heading" className="text-xl font-semibold">
            Gateways
          </h1>
          <p className="text-zinc-500 dark:text-zinc-400">
            Each gateway is one OpenClaw install and its state folder.
          </p>
        </div>
        <Button
          disabled={editReason !== null || creating}
          title={editReason ?? undefined}
          onClick={() => {
            setCreated(null);
            setCreating(true);
          }}
        >
          New gateway
        </Button>
      </div>
      {editReason ? <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{editReason}</p> : null}
      {created ? (
        <div className="mt-3">
          <Notice tone="success">
            Gateway {created} created. Import its OpenClaw state or post status to fill it.
          </Notice>
        </div>
      ) : null}
      {creating ? (
        <CreateGateway
          onDone={(name) => {
            setCreating(false);
            setCreated(name || null);
          }}
        />
      ) : null}
      {gateways.error ? (
        <div className="mt-3">
          <Notice tone="error">{gateways.error.message}</Notice>
        </div>
      ) : null}
      {gateways.isPending ? (
        <ul aria-label="Loading gateways" className="mt-4 grid gap-3 sm:grid-cols-2">
          {Array.from({ length: 2 }, (_, index) => (
            <li key={index} className="h-40 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800/60" />
          ))}
        </ul>
      ) : null}
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {gateways.data?.map((gateway) => (
          <GatewayCard key={gateway.id} gateway={gateway} editReason={editReason} />
        ))}
      </ul>
      {gateways.data?.length === 0 ? (
        <p className="mt-4 text-zinc-600 dark:text-zinc-400">
          No gateways yet.{" "}
          {editReason
            ? "Ask an admin to add one."
            : "Create one with “New gateway”, then import its OpenClaw state."}
        </p>
      ) : null}
    </section>
  );
}
