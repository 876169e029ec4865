import { describe, expect, it } from "vitest";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { cancelReauth, requestReauth } from "../reauth/reauth-workflow";
import { runQueuedJobsNow } from "../testing/run-queued-jobs";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { readImportRun, requestImportCommit, requestImportPreview } from "./import-jobs";

/**
 * Finding 10: a re-import that removes a profile which ever had a re-auth request failed with an opaque 500
 * (the request's foreign key set both `authProfileId` and the NOT NULL `teamId` to null). Now the removal
 * succeeds, the preview says what happens to the requests, and the open one ends instead of lingering.
 */

const deps = useServiceTestDeps();
const { db } = deps;

const TOKEN = `sk-ant-oat01-REIMPORT${"t".repeat(80)}`;
const config = JSON.stringify({ agents: { entries: { main: {} } } });
const store = (profileIds: string[]) =>
  JSON.stringify({
    version: 1,
    profiles: Object.fromEntries(
      profileIds.map((id, index) => [
        id,
        { type: "token", provider: "anthropic", token: `${TOKEN}${index}` },
      ]),
    ),
  });
const files = (profileIds: string[]) => [
  { path: "openclaw.json", text: config },
  { path: "shared-auth-profiles.json", text: store(profileIds) },
];

async function importFiles(
  caller: ReturnType<typeof testCaller>,
  target: Parameters<typeof requestImportPreview>[2]["target"],
  profileIds: string[],
) {
  const { importRunId } = await requestImportPreview(deps, caller, {
    target,
    upload: { files: files(profileIds) },
  });
  await runQueuedJobsNow(deps);
  const previewed = await readImportRun(deps, caller, { importRunId });
  if (previewed.status !== "previewed" || !previewed.planHash)
    throw new Error(`not previewed: ${JSON.stringify(previewed)}`);
  await requestImportCommit(deps, caller, { importRunId, planHash: previewed.planHash });
  await runQueuedJobsNow(deps);
  return { previewed, committed: await readImportRun(deps, caller, { importRunId }) };
}

describe("a re-import removing profiles that have re-auth requests", () => {
  it("succeeds, says in the preview what ends, and cancels the open request", async () => {
    const team = await createTeam(db);
    const operator = await createMember(db, { teamId: team.id, role: "operator" });
    const caller = { ...testCaller(team.id), actor: { id: operator.id, label: operator.email } };
    const first = await importFiles(
      caller,
      {
        kind: "new",
        name: "gw",
        homeDir: "/home/o",
        stateDir: "/home/o/.openclaw",
        openclawVersion: "2026.9.6",
      },
      ["anthropic:keep", "anthropic:open", "anthropic:closed"],
    );
    expect(first.committed.status).toBe("succeeded");
    const gatewayId = first.committed.gatewayId ?? "";
    const profileOf = async (profileId: string) =>
      (await db.authProfile.findFirstOrThrow({ where: { teamId: team.id, profileId } })).id;

    const open = await requestReauth(deps, caller, {
      target: { authProfileIds: [await profileOf("anthropic:open")] },
      method: "setup_token",
    });
    const closed = await requestReauth(deps, caller, {
      target: { authProfileIds: [await profileOf("anthropic:closed")] },
      method: "setup_token",
    });
    const closedRow = await db.reauthRequest.findUniqueOrThrow({ where: { id: closed.requestId } });
    await cancelReauth(deps, caller, { requestId: closed.requestId, expectedVersion: closedRow.version });

    const second = await importFiles(caller, { kind: "existing", gatewayId }, ["anthropic:keep"]);
    expect(second.previewed.warnings).toContainEqual({
      file: "(re-auth requests)",
      path: "",
      message:
        "1 open re-auth request for removed profiles will end when this import is committed (cancelled, or failed if the credential was already applied).",
    });
    expect(second.committed).toMatchObject({ status: "succeeded", error: null });

    const requests = await db.reauthRequest.findMany({
      where: { teamId: team.id },
      orderBy: { createdAt: "asc" },
    });
    expect(
      requests.map(({ id, state, authProfileId, teamId }) => ({ id, state, authProfileId, teamId })),
    ).toEqual([
      { id: open.requestId, state: "cancelled", authProfileId: null, teamId: team.id },
      { id: closed.requestId, state: "cancelled", authProfileId: null, teamId: team.id },
    ]);
    const timeline = await db.reauthEvent.findMany({
      where: { requestId: open.requestId, kind: "cancelled" },
    });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.detail).toEqual({ reason: expect.stringMatching(/removed by import/u) as unknown });
    expect(await db.authProfile.count({ where: { teamId: team.id } })).toBe(1);
  });
});
