"use client";

import { useQuery } from "@tanstack/react-query";
import { type Role, roleAllows } from "@clawfleet/core/access/role-rank";
import { useTRPC } from "~/trpc/react";

/** The caller's role in the current team, and a way to ask whether it is enough for an action. */
export function useSessionRole() {
  const trpc = useTRPC();
  const session = useQuery(trpc.session.current.queryOptions());
  const role = session.data?.role;
  return {
    role,
    can: (required: Role) => (role ? roleAllows(role, required) : false),
    /** Why an action needing `required` is unavailable, or null when it is available. */
    whyNot: (required: Role) =>
      !role
        ? "Loading your role…"
        : roleAllows(role, required)
          ? null
          : `Needs the ${required} role; you are ${role}.`,
  };
}
