import { describe, expect, it } from "vitest";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { CONSOLE_SEARCH_LIMIT, searchConsoleTargets } from "./console-search";

const deps = useServiceTestDeps();
const { db, secretBox: box } = deps;

describe("searchConsoleTargets", () => {
  it("finds nothing for blank text", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    await createAgent(db, { teamId: team.id, gatewayId: gateway.id });
    expect(await searchConsoleTargets(deps, { teamId: team.id }, { text: "   " })).toEqual({
      agents: [],
      profiles: [],
      gateways: [],
    });
  });

  it("looks a hex prefix up as a fingerprint, in any case, and caps each kind", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id, name: "staging" });
    const key = fakeApiKey("PALETTE");
    await createProfile(db, box, { teamId: team.id, gatewayId: gateway.id, secrets: { key } });
    for (let index = 0; index < CONSOLE_SEARCH_LIMIT + 2; index += 1)
      await createAgent(db, { teamId: team.id, gatewayId: gateway.id, name: `Worker ${index}` });
    const fingerprint = box.fingerprint(team.id, key);

    const byFingerprint = await searchConsoleTargets(
      deps,
      { teamId: team.id },
      { text: ` ${fingerprint.slice(0, 10).toUpperCase()} ` },
    );
    expect(byFingerprint.profiles).toEqual([
      expect.objectContaining({ profileId: "anthropic:default", fingerprint }),
    ]);

    const workers = await searchConsoleTargets(deps, { teamId: team.id }, { text: "worker" });
    expect(workers.agents).toHaveLength(CONSOLE_SEARCH_LIMIT);
  });
});
