import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAUTH_DEADLINE_WARNING_MS } from "@clawfleet/core/reauth/reauth-request";
import { databaseChecksum } from "@clawfleet/db/testing/database-checksum";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { requestReauth } from "@clawfleet/services/reauth/reauth-workflow";
import { testDeps } from "../testing/caller";
import {
  CALLER_KINDS,
  PROCEDURE_PATHS,
  ROUTER_PROCEDURES,
  matrixCaller,
  outcomeOf,
} from "../testing/procedure-matrix";
import {
  PROCEDURE_SAMPLES,
  type SampleFleet,
  buildSampleFleet,
  invokeProcedure,
} from "../testing/procedure-samples";

/**
 * Every query reads only (checklist B4.1): each query procedure of the router, called as every kind of
 * caller of the RBAC matrix with its sample input, leaves the whole database as it was: every table of every
 * team and the job queue's tables. A refused call must not write either.
 */

const db = useTestDb();
const HOUR = 3_600_000;
const queryPaths = PROCEDURE_PATHS.filter((path) => ROUTER_PROCEDURES[path]?._def.type === "query");

let fleet: SampleFleet;
let calls = 0;

/**
 * Puts into team A what used to make reads write: a re-auth request that lapsed but was not swept yet, one
 * whose deadline is near (a reminder is due), and computed snapshots older than the reuse window.
 */
async function seedWhatReadsUsedToWrite(sample: SampleFleet) {
  const operator = sample.own.members.operator;
  const caller = { teamId: sample.own.team.id, actor: { id: operator.id, label: operator.email } };
  const profiles = await db.authProfile.findMany({
    where: { teamId: sample.own.team.id, profileId: { in: ["anthropic:default", "anthropic:added"] } },
    orderBy: { profileId: "asc" },
  });
  const [lapsing, nearDeadline] = profiles;
  if (!lapsing || !nearDeadline) throw new Error("the sample fleet has API-key profiles");
  const earlier = new Date(Date.now() - 2 * HOUR);
  await requestReauth(
    { ...testDeps(db), now: () => earlier },
    { ...caller, requestId: crypto.randomUUID() },
    {
      target: { authProfileIds: [lapsing.id] },
      method: "api_key",
      deadline: new Date(earlier.getTime() + HOUR),
    },
  );
  await requestReauth(
    testDeps(db),
    { ...caller, requestId: crypto.randomUUID() },
    {
      target: { authProfileIds: [nearDeadline.id] },
      method: "api_key",
      deadline: new Date(Date.now() + REAUTH_DEADLINE_WARNING_MS / 2),
    },
  );
  await db.statusSnapshot.updateMany({
    where: { teamId: sample.own.team.id, source: "computed" },
    data: { takenAt: new Date(Date.now() - HOUR) },
  });
}

beforeAll(async () => {
  fleet = await buildSampleFleet(db);
  await seedWhatReadsUsedToWrite(fleet);
}, 60_000);

afterAll(() => {
  console.info(`Read-only queries: ${queryPaths.length} queries, ${calls} calls, database unchanged by each`);
});

describe("the query procedures", () => {
  it("are found (a router without queries would make this test vacuous)", () => {
    expect(queryPaths.length).toBeGreaterThan(20);
    expect(queryPaths).toEqual(
      expect.arrayContaining(["reauth.list", "reauth.openLink", "snapshots.latest"]),
    );
  });
});

describe.each(queryPaths)("%s", (path) => {
  it.each(CALLER_KINDS)("as %s leaves the database unchanged", async (kind) => {
    const sample = PROCEDURE_SAMPLES[path];
    if (!sample) throw new Error(`${path} has no sample input`);
    const { caller, identity } = matrixCaller(db, fleet, kind);
    // why: a sample may build what it reads (a fresh request, an invitation); that happens before the
    // checksum, and only the call itself is measured.
    const input = await sample({ fleet, caller: identity });
    const before = await databaseChecksum(db);
    await outcomeOf(() => invokeProcedure(caller, path, input));
    calls += 1;
    // One line per table, so a failure names the table that changed.
    expect((await databaseChecksum(db)).split("\n"), `${path} as ${kind} changed the database`).toEqual(
      before.split("\n"),
    );
  });
});
