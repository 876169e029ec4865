import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import { statusJsonDifferences } from "@clawfleet/core/models-status/status-parity";
import { describe, expect, it } from "vitest";
import { createTeam } from "@clawfleet/db/testing/factories";
import { FIXTURE_HOME, statusFixtureCases } from "@clawfleet/db/testing/openclaw-fixtures";
import { commitImport, previewImport } from "../imports/gateway-import";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { computeAgentModelsStatus, computeGatewayModelsStatuses } from "./agent-models-status";

const deps = useServiceTestDeps();
const { db } = deps;

/** What the CLI prints for an outcome under `--json`: the status object, or the error envelope. */
function printed(outcome: ModelsStatusOutcome): unknown {
  return outcome.ok ? outcome.status : outcome;
}

async function importFiles(teamId: string, files: { path: string; text: string }[], name = "fixture") {
  const caller = testCaller(teamId);
  const preview = await previewImport(deps, caller, {
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
  const result = await commitImport(deps, caller, {
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
