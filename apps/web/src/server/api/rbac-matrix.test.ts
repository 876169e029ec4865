import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Role, roleAllows } from "@clawfleet/core/access/role";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import {
  CALLER_KINDS,
  type CallerKind,
  type Outcome,
  PROCEDURE_PATHS as paths,
  ROUTER_PROCEDURES as procedures,
  matrixCaller,
  outcomeOf,
} from "../testing/procedure-matrix";
import {
  PROCEDURE_SAMPLES,
  type SampleFleet,
  buildSampleFleet,
  invokeProcedure,
} from "../testing/procedure-samples";
import { PROCEDURE_POLICY, type ProcedurePolicy } from "./procedure-policy";

/**
 * The RBAC matrix (security checklist B5.1): every procedure of the router × every kind of caller, against
 * the explicit policy table. Generated from `appRouter._def.procedures`, so a new procedure is covered (and
 * fails until it has a policy line and a sample input).
 */

const db = useTestDb();

/** The role gate's own refusal: UNAUTHORIZED, or FORBIDDEN with the base procedure's message. */
function isRoleRefusal(outcome: Outcome): boolean {
  return (
    !outcome.ok &&
    (outcome.code === "UNAUTHORIZED" ||
      (outcome.code === "FORBIDDEN" && outcome.message.startsWith("This needs the ")))
  );
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Expectation = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "allowed";

function expectationFor(policy: ProcedurePolicy, kind: CallerKind, inputNamesOwnRow: boolean): Expectation {
  if (policy.role === "public") return "allowed";
  if (kind === "anonymous") return "UNAUTHORIZED";
  if (policy.role === "signed-in") return "allowed";
  const callerRole: Role = kind === "admin of another team" ? "admin" : kind;
  if (!roleAllows(callerRole, policy.role)) return "FORBIDDEN";
  if (kind === "admin of another team" && policy.tenantScoped && inputNamesOwnRow) return "NOT_FOUND";
  return "allowed";
}

let fleet: SampleFleet;
const report = { cells: 0, mismatches: [] as string[] };

beforeAll(async () => {
  fleet = await buildSampleFleet(db);
}, 60_000);

afterAll(() => {
  console.info(
    `RBAC matrix: ${paths.length} procedures, ${report.cells} cells, ${report.mismatches.length} mismatches`,
  );
});

describe("the policy table", () => {
  it("has a line for every procedure of the router, and no line for a procedure that does not exist", () => {
    expect(paths.filter((path) => !(path in PROCEDURE_POLICY))).toEqual([]);
    expect(Object.keys(PROCEDURE_POLICY).filter((path) => !(path in procedures))).toEqual([]);
  });

  it("has a sample input for every procedure", () => {
    expect(paths.filter((path) => !(path in PROCEDURE_SAMPLES))).toEqual([]);
  });

  it.each(paths)("%s: its base procedure's role and its kind match the table", (path) => {
    const policy = PROCEDURE_POLICY[path];
    const definition = procedures[path]?._def;
    expect(policy, `${path} has no policy line`).toBeDefined();
    expect(definition?.meta?.role).toBe(policy?.role);
    // why: every state change is a mutation and no query changes state (checklist B4.1).
    expect(definition?.type).toBe(policy?.write ? "mutation" : "query");
  });
});

describe.each(paths)("%s", (path) => {
  it.each(CALLER_KINDS)("as %s", async (kind) => {
    const policy = PROCEDURE_POLICY[path];
    const sample = PROCEDURE_SAMPLES[path];
    if (!policy || !sample) throw new Error(`${path} is missing from the policy table or the samples`);
    const { caller, identity } = matrixCaller(db, fleet, kind);
    const input = await sample({ fleet, caller: identity });
    // why: every sample names rows of team A only, so any UUID in an input is one of team A's rows.
    const inputNamesOwnRow = UUID.test(JSON.stringify(input ?? null));
    const expected = expectationFor(policy, kind, inputNamesOwnRow);

    const outcome = await outcomeOf(() => invokeProcedure(caller, path, input));
    const actual: string = outcome.ok
      ? "allowed"
      : isRoleRefusal(outcome) || outcome.code === "NOT_FOUND"
        ? outcome.code
        : `${outcome.code}: ${outcome.message}`;
    report.cells += 1;
    if (actual !== expected)
      report.mismatches.push(`${path} as ${kind}: expected ${expected}, got ${actual}`);
    expect(actual, `${path} as ${kind}`).toBe(expected);

    if (outcome.ok && kind === "admin of another team") {
      // A tenant's answer never names another tenant's rows.
      const text = JSON.stringify(outcome.value ?? null);
      expect(fleet.ownMarkers.filter((marker) => text.includes(marker))).toEqual([]);
    }

    if (expected === "UNAUTHORIZED" || expected === "FORBIDDEN") {
      // Authorization comes before input validation: a malformed input gets the same refusal, so a
      // caller without the role learns nothing about the input's shape.
      report.cells += 1;
      const malformed = await outcomeOf(() => invokeProcedure(caller, path, { malformed: [1, 2, 3] }));
      expect(malformed.ok ? "allowed" : malformed.code, `${path} as ${kind}, malformed input`).toBe(expected);
    }
  });
});

describe("tenant context", () => {
  it("no procedure takes a team id from its input (the team comes from the session)", () => {
    const offenders = paths.filter((path) => {
      const inputs = procedures[path]?._def.inputs ?? [];
      return JSON.stringify(inputs.map((schema) => shapeKeys(schema))).includes('"teamId"');
    });
    expect(offenders).toEqual([]);
  });
});

/** Every object key a zod schema accepts, nested (for the teamId check). */
function shapeKeys(schema: unknown, depth = 0): unknown {
  if (depth > 8 || schema === null || typeof schema !== "object") return null;
  const def = (schema as { def?: Record<string, unknown> }).def;
  if (!def) return null;
  const shape = def.shape as Record<string, unknown> | undefined;
  if (shape)
    return Object.fromEntries(
      Object.entries(shape).map(([key, value]) => [key, shapeKeys(value, depth + 1)]),
    );
  const children = [def.innerType, def.in, def.out, def.element, ...((def.options as unknown[]) ?? [])];
  return children.map((child) => shapeKeys(child, depth + 1));
}
