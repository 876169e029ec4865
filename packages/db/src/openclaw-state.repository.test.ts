import { analyzeImportFiles } from "@clawfleet/core/openclaw-import/analyze-import";
import { describe, expect, it } from "vitest";
import { inTransaction } from "./client";
import { createGateway } from "./gateway.repository";
import { writeGatewayRecord } from "./openclaw-import.repository";
import { loadGatewayRows, loadGatewayState } from "./openclaw-state.repository";
import { openSecretBox } from "./secret-box";
import { TEST_SECRET_KEY, createTeam } from "./testing/factories";
import { FIXTURE_HOME, statusFixtureCases } from "./testing/openclaw-fixtures";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const box = openSecretBox(TEST_SECRET_KEY);

/** Writes the first parity fixture into a new gateway of `teamId`, as the import's commit does. */
async function storeFirstFixture(teamId: string): Promise<string> {
  const [first] = statusFixtureCases();
  if (!first) throw new Error("no fixtures");
  const analysis = analyzeImportFiles(first.files);
  if (!analysis.ok) throw new Error(JSON.stringify(analysis.errors));
  return inTransaction(db, async (tx) => {
    const { id: gatewayId } = await createGateway(tx, {
      teamId,
      edit: {
        name: "fixture",
        homeDir: FIXTURE_HOME,
        stateDir: `${FIXTURE_HOME}/.openclaw`,
        openclawVersion: "2026.9.6",
      },
    });
    const current = await loadGatewayRows(tx, { teamId, gatewayId });
    await writeGatewayRecord(tx, box, {
      teamId,
      gatewayId,
      incoming: analysis.record,
      current,
      onProgress: () => Promise.resolve(),
    });
    return gatewayId;
  });
}

describe("loadGatewayState", () => {
  it("puts masks, never plaintext, where the secrets were", async () => {
    const team = await createTeam(db);
    const gatewayId = await storeFirstFixture(team.id);
    const loaded = await loadGatewayState(db, { teamId: team.id, gatewayId });
    const text = JSON.stringify(loaded.state);
    expect(text).toContain("sk-ant-a...x-AbCdEf");
    expect(text).not.toContain("EXAMPLEKEY");
    expect(loaded.homeDir).toBe(FIXTURE_HOME);
  });

  it("answers NOT_FOUND for another team's gateway", async () => {
    const owner = await createTeam(db);
    const other = await createTeam(db);
    const gatewayId = await storeFirstFixture(owner.id);
    await expect(loadGatewayState(db, { teamId: other.id, gatewayId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
