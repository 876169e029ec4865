import { describe, expect, it } from "vitest";
import { createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { readImportProgress } from "./gateway-import";

const deps = useServiceTestDeps();
const { db } = deps;

describe("readImportProgress", () => {
  it("reports a run left `running` by a killed process as failed once its transaction must have ended", async () => {
    const team = await createTeam(db);
    const run = await db.importRun.create({
      data: {
        teamId: team.id,
        status: "running",
        planHash: "h",
        totalSteps: 10,
        doneSteps: 3,
        createdById: crypto.randomUUID(),
      },
    });
    const lastProgress = (
      await db.importRun.findUniqueOrThrow({ where: { id: run.id } })
    ).updatedAt.getTime();

    const live = await readImportProgress(
      { db, now: () => new Date(lastProgress + 60_000) },
      { teamId: team.id },
      { importRunId: run.id },
    );
    expect(live).toMatchObject({ status: "running", doneSteps: 3, error: null });

    const abandoned = await readImportProgress(
      { db, now: () => new Date(lastProgress + 12 * 60_000) },
      { teamId: team.id },
      { importRunId: run.id },
    );
    expect(abandoned.status).toBe("failed");
    expect(abandoned.error).toMatch(/stopped before it finished.*Nothing was changed/);
  });

  it("answers NOT_FOUND for another team's run", async () => {
    const [mine, theirs] = [await createTeam(db), await createTeam(db)];
    const run = await db.importRun.create({
      data: { teamId: theirs.id, planHash: "h", createdById: crypto.randomUUID() },
    });
    await expect(
      readImportProgress(deps, { teamId: mine.id }, { importRunId: run.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
