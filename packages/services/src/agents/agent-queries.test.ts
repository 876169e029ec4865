import { describe, expect, it } from "vitest";
import type { AgentListSort } from "@clawfleet/core/fleet/agent-list";
import { recordReportedVerdict } from "@clawfleet/db/agent-status.repository";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { readAuthMatrixPage } from "../auth-matrix/auth-matrix";
import { refreshGatewayStatuses } from "../statuses/stored-statuses";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";
import { listAgentPage } from "./agent-queries";

const START = new Date("2026-11-30T10:00:00.000Z");
const { deps, setNow, at } = useServiceTestClock(START);
const { db } = deps;

/**
 * A gateway with a shared Anthropic API key: `alpha` and `charlie` pass `--check`, `bravo` uses an OpenAI
 * model with no OpenAI auth (failing), the host reported `alpha` as expiring after the computation, and
 * `delta` was added after the statuses were stored (none yet).
 */
async function fleet() {
  setNow(START);
  const { id: teamId } = await createTeam(db);
  const gateway = await createGateway(db, { teamId });
  await createProfile(db, testSecretBox, { teamId, gatewayId: gateway.id, secrets: { key: fakeApiKey() } });
  const agents: Record<string, string> = {};
  for (const name of ["charlie", "alpha", "bravo"])
    agents[name] = (await createAgent(db, { teamId, gatewayId: gateway.id, agentKey: name })).id;
  await db.agent.update({ where: { id: agents.bravo }, data: { model: "openai/gpt-5.1" } });
  await db.gateway.update({
    where: { id: gateway.id },
    data: { extraConfig: { agents: { ownership: "explicit" } } },
  });
  await refreshGatewayStatuses(deps, { teamId, gatewayId: gateway.id });
  await recordReportedVerdict(db, {
    teamId,
    agentId: agents.alpha ?? "",
    verdict: "expiring",
    reportedAt: at(60_000),
  });
  agents.delta = (await createAgent(db, { teamId, gatewayId: gateway.id, agentKey: "delta" })).id;
  setNow(at(120_000));
  return { teamId };
}

async function namesSortedBy(teamId: string, sort: AgentListSort, pageSize = 50) {
  const names: string[] = [];
  for (let page = 1; ; page += 1) {
    const { items, total } = await listAgentPage(deps, { teamId }, { sort, page, pageSize });
    names.push(...items.map((agent) => agent.name));
    if (names.length >= total || items.length === 0) return names;
  }
}

describe("listAgentPage", () => {
  it("gives each agent its health from the stored status: verdict, worst cause, host report", async () => {
    const { teamId } = await fleet();
    const { items } = await listAgentPage(deps, { teamId }, { page: 1, pageSize: 50 });
    const byName = new Map(items.map((agent) => [agent.name, agent]));

    expect(byName.get("charlie")?.health).toEqual({
      state: "known",
      verdict: "ok",
      reason: null,
      reported: false,
      updating: false,
    });
    const bravo = byName.get("bravo")?.health;
    expect(bravo).toMatchObject({ state: "known", verdict: "failing", reported: false });
    expect(bravo?.state === "known" ? bravo.reason : null).toMatch(/openai/);
    expect(byName.get("alpha")?.health).toMatchObject({
      verdict: "expiring",
      reported: true,
      reason: "The host reported Expiring; the console computes OK.",
    });
    expect(byName.get("delta")?.health).toEqual({ state: "pending" });
  });

  it("names the model the status resolved, not only the agent's override", async () => {
    const { teamId } = await fleet();
    const { items } = await listAgentPage(deps, { teamId }, { page: 1, pageSize: 50 });
    const byName = new Map(items.map((agent) => [agent.name, agent]));
    expect(byName.get("bravo")?.resolvedModel).toBe("openai/gpt-5.1");
    expect(byName.get("charlie")?.primaryModel).toBeNull();
    expect(byName.get("charlie")?.resolvedModel).toMatch(/^anthropic\//);
    expect(byName.get("delta")?.resolvedModel).toBeNull();
  });

  it("sorts by health in the query, worst first or last, agents without a status always last", async () => {
    const { teamId } = await fleet();
    expect(await namesSortedBy(teamId, { key: "health", direction: "desc" })).toEqual([
      "bravo",
      "alpha",
      "charlie",
      "delta",
    ]);
    expect(await namesSortedBy(teamId, { key: "health", direction: "asc" })).toEqual([
      "charlie",
      "alpha",
      "bravo",
      "delta",
    ]);
  });

  it("pages through a sorted list without repeating or skipping an agent", async () => {
    const { teamId } = await fleet();
    const whole = await namesSortedBy(teamId, { key: "health", direction: "desc" });
    expect(await namesSortedBy(teamId, { key: "health", direction: "desc" }, 1)).toEqual(whole);
    expect(await namesSortedBy(teamId, { key: "model", direction: "desc" }, 1)).toEqual([
      "bravo",
      "alpha",
      "charlie",
      "delta",
    ]);
    expect(await namesSortedBy(teamId, { key: "name", direction: "desc" }, 3)).toEqual([
      "delta",
      "charlie",
      "bravo",
      "alpha",
    ]);
  });

  it("filters by health and sorts within the filter", async () => {
    const { teamId } = await fleet();
    const failing = await listAgentPage(deps, { teamId }, { status: "failing", page: 1, pageSize: 50 });
    expect(failing.items.map((agent) => agent.name)).toEqual(["bravo"]);
    expect(failing.total).toBe(1);
  });

  it("sorts the auth matrix by health in the query too", async () => {
    const { teamId } = await fleet();
    const rowsBy = async (sort: { key: "health" | "name"; direction: "asc" | "desc" }) =>
      (await readAuthMatrixPage(deps, { teamId }, { sort, page: 1, pageSize: 50 })).rows.map(
        (row) => row.agentName,
      );
    // delta has no stored status yet, so no matrix row.
    expect(await rowsBy({ key: "health", direction: "desc" })).toEqual(["bravo", "alpha", "charlie"]);
    expect(await rowsBy({ key: "name", direction: "desc" })).toEqual(["charlie", "bravo", "alpha"]);
  });
});
