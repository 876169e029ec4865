"use client";

import { useQuery } from "@tanstack/react-query";
import { Field, inputClassName } from "~/components/ui/field";
import { useTRPC } from "~/trpc/react";

/** A form's "Gateway" picker (field name `gatewayId`), preselected when the team has only one gateway. */
export function GatewaySelectField({ error, onEdit }: { error?: string | null; onEdit: () => void }) {
  const trpc = useTRPC();
  const gateways = useQuery(trpc.gateways.list.queryOptions());
  return (
    <Field label="Gateway" error={error}>
      {(control) => (
        <select
          {...control}
          name="gatewayId"
          className={inputClassName}
          // why: remount once the list arrives, so the single-gateway default applies.
          key={gateways.data?.length ?? 0}
          defaultValue={gateways.data?.length === 1 ? gateways.data[0]?.id : ""}
          onChange={onEdit}
        >
          <option value="">{gateways.data ? "Choose a gateway" : "Loading gateways…"}</option>
          {gateways.data?.map((gateway) => (
            <option key={gateway.id} value={gateway.id}>
              {gateway.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
