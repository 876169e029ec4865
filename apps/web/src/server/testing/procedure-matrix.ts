/**
 * What the RBAC matrix and the read-only-queries test iterate over: every procedure of the router (from
 * `appRouter._def.procedures`, so a new one is covered at once) and every kind of caller (nobody, each role of
 * team A, an admin of another team), with the outcome of a call as data.
 */
import { TRPCError } from "@trpc/server";
import type { Role } from "@clawfleet/core/access/role";
import type { DbClient } from "@clawfleet/db/client";
import { appRouter } from "../api/root";
import { callerFor } from "./caller";
import type { SampleFleet } from "./procedure-samples";

export type RouterProcedure = {
  _def: { type: "query" | "mutation" | "subscription"; meta?: { role?: string }; inputs: unknown[] };
};

export const ROUTER_PROCEDURES = appRouter._def.procedures as unknown as Record<string, RouterProcedure>;

/** Every procedure path (`agents.list`), sorted. */
export const PROCEDURE_PATHS = Object.keys(ROUTER_PROCEDURES).sort();

export type CallerKind = "anonymous" | Role | "admin of another team";

export const CALLER_KINDS: CallerKind[] = [
  "anonymous",
  "viewer",
  "operator",
  "admin",
  "admin of another team",
];

/** The tRPC caller of `kind` and who it is (null when anonymous), over the sample fleet's teams. */
export function matrixCaller(db: DbClient, fleet: SampleFleet, kind: CallerKind) {
  if (kind === "anonymous") return { caller: callerFor(db, null), identity: null };
  const team = kind === "admin of another team" ? fleet.other : fleet.own;
  const member = team.members[kind === "admin of another team" ? "admin" : kind];
  return { caller: callerFor(db, member), identity: member };
}

export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** A call's answer, or its tRPC refusal (code and message); anything else is rethrown. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
