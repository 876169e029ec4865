import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import { statusJsonDifferences } from "@clawfleet/core/models-status/status-parity";
import { describe, expect, it } from "vitest";
import { commitImport, previewImport } from "./import/gateway-import";
import {
  computeAgentModelsStatus,
  computeGatewayModelsStatuses,
  loadGatewayState,
} from "./openclaw-state.repository";
import { openSecretBox } from "./secret-box";
import { TEST_SECRET_KEY, createTeam } from "./testing/factories";
import { FIXTURE_HOME, statusFixtureCases } from "./testing/openclaw-fixtures";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const box = openSecretBox(TEST_SECRET_KEY);
const actor = { id: null, label: "test" };

/** What the CLI prints for an outcome under `--json`: the status object, or the error envelope. */
function printed(outcome: ModelsStatusOutcome): unknown {
  return outcome.ok ? outcome.status : outcome;
}

async function importFiles(teamId: string, files: { path: string; text: string }[], name = "fixture") {
  const preview = await previewImport(db, box, {
    teamId,
    actor,
    target: {
      kind: "new",
      name,
      homeDir: FIXTURE_HOME,
      stateDir: `${FIXTURE_HOME}/.openclaw`,
      openclawVersion: "2026.9.6",
    },
    files,
  });
  if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
  const result = await commitImport(db, box, {
    teamId,
    actor,
    requestId: "test",
    importRunId: preview.importRunId,
    planHash: preview.planHash,
    files,
  });
  return result.gatewayId;
}

describe.each(statusFixtureCases())("fixture $name imported and computed from the database", (testCase) => {
  it("equals the real CLI's --json output", async () => {
    const team = await createTeam(db);
    const gatewayId = await importFiles(team.id, testCase.files);
    const agent = await db.agent.findFirstOrThrow({
      where: { gatewayId, ...(testCase.agentArg ? { agentKey: testCase.agentArg } : { isDefault: true }) },
    });
    const outcome = await computeAgentModelsStatus(db, {
      teamId: team.id,
      agentId: agent.id,
      now: testCase.now,
    });
    expect(statusJsonDifferences(printed(outcome), testCase.expectedStdout)).toEqual([]);
    expect(outcome.ok ? 0 : 1).toBe(testCase.expectedExitCode);
  });
});

describe("loadGatewayState", () => {
  it("puts masks, never plaintext, where the secrets were", async () => {
    const [first] = statusFixtureCases();
    if (!first) throw new Error("no fixtures");
    const team = await createTeam(db);
    const gatewayId = await importFiles(team.id, first.files);
    const loaded = await loadGatewayState(db, { teamId: team.id, gatewayId });
    const text = JSON.stringify(loaded.state);
    expect(text).toContain("sk-ant-a...x-AbCdEf");
    expect(text).not.toContain("EXAMPLEKEY");
    expect(loaded.homeDir).toBe(FIXTURE_HOME);
  });

  it("answers NOT_FOUND for another team's gateway", async () => {
    const [first] = statusFixtureCases();
    if (!first) throw new Error("no fixtures");
    const owner = await createTeam(db);
    const other = await createTeam(db);
    const gatewayId = await importFiles(owner.id, first.files);
    await expect(loadGatewayState(db, { teamId: other.id, gatewayId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("computeGatewayModelsStatuses at fleet scale", () => {
  it("computes 10,000 agents from one load", { timeout: 600_000 }, async () => {
    const agentCount = 10_000;
    const entries = Object.fromEntries(
      Array.from({ length: agentCount }, (_, index) => [
        `agent-${index}`,
        { name: `Agent ${index}`, model: index % 2 ? "anthropic/claude-sonnet-5" : undefined },
      ]),
    );
    const config = {
      agents: {
        ownership: "explicit",
        defaults: { model: { primary: "anthropic/claude-opus-4-8" } },
        entries,
      },
    };
    const files = [
      { path: "openclaw.json", text: JSON.stringify(config) },
      {
        path: "shared-auth-profiles.json",
        text: JSON.stringify({
          version: 1,
          profiles: {
            "anthropic:default": {
              type: "api_key",
              provider: "anthropic",
              key: `sk-ant-api03-${"x".repeat(90)}`,
            },
          },
        }),
      },
    ];
    const team = await createTeam(db);
    const gatewayId = await importFiles(team.id, files, "fleet");
    const started = performance.now();
    const outcomes = await computeGatewayModelsStatuses(db, {
      teamId: team.id,
      gatewayId,
      now: 1_795_531_970_848,
    });
    const elapsedMs = performance.now() - started;
    console.info(`computeGatewayModelsStatuses: ${agentCount} agents in ${elapsedMs.toFixed(0)} ms`);
    expect(outcomes.size).toBe(agentCount);
    expect([...outcomes.values()].every((outcome) => outcome.ok)).toBe(true);
  });
});
