"use client";

import { useQuery } from "@tanstack/react-query";
import { type Role, roleAllows } from "@clawfleet/core/access/role-rank";
import { useHydrated } from "~/lib/use-hydrated";
import { useTRPC } from "~/trpc/react";

/** The caller's role in the current team, and a way to ask whether it is enough for an action. */
export function useSessionRole() {
  const trpc = useTRPC();
  const session = useQuery(trpc.session.current.queryOptions());
  // why: the server renders role-gated controls as "Loading your role…"; hydration must render them the same way
  // even when the session query already answered, or the server's `disabled` attribute stays in the DOM.
  const role = useHydrated() ? session.data?.role : undefined;
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
