"use client";

import type { ReactNode } from "react";
import type { Role } from "@clawfleet/core/access/role-rank";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "./use-session-role";

/**
 * A page that needs a role: its content only for a caller who has it; anyone else sees the page's heading and
 * why at once (no request that is bound to be refused). Nothing renders while the role loads.
 */
export function RoleGate({
  required,
  title,
  children,
}: {
  required: Role;
  title: string;
  children: ReactNode;
}) {
  const { role, can } = useSessionRole();
  if (!role) return <p aria-busy="true">Loading…</p>;
  if (can(required)) return <>{children}</>;
  return (
    <section className="max-w-3xl space-y-3">
      <h1 className="text-xl font-semibold">{title}</h1>
      <Notice tone="warning" role="alert">
        {title} needs {required}. This needs the {required} role; you are {role}. Ask an admin of your team if
        you need it.
      </Notice>
    </section>
  );
}
