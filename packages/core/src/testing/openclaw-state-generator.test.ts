import { describe, expect, it } from "vitest";

import { readAuthCredentialDocument, readAuthRuntimeStateDocument } from "../auth-profiles/parse-auth-store";
import { buildModelsStatus } from "../models-status/build-models-status";
import { explainCheck } from "../models-status/models-status-check";
import { openClawConfigSchema } from "../openclaw-config/openclaw-config.schema";
import { generateOpenClawState } from "./openclaw-state-generator";
import { createSeededRandom } from "./seeded-random";

const SEEDS = Array.from({ length: 200 }, (_, index) => index + 1);

describe("createSeededRandom", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("stays within its ranges", () => {
    const random = createSeededRandom(7);
    for (let draw = 0; draw < 1_000; draw += 1) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(random.integer(-2, 2)).toBeOneOf([-2, -1, 0, 1, 2]);
    }
    expect(random.sample([1, 2, 3], 5).sort()).toEqual([1, 2, 3]);
  });
});

describe("generateOpenClawState", () => {
  it("gives the same state for the same seed", () => {
    expect(generateOpenClawState(99)).toEqual(generateOpenClawState(99));
    expect(generateOpenClawState(99)).not.toEqual(generateOpenClawState(100));
  });

  it.each(SEEDS.slice(0, 50))("seed %i: a config and stores OpenClaw's schemas accept", (seed) => {
    const { state } = generateOpenClawState(seed);
    expect(openClawConfigSchema.safeParse(state.config).success).toBe(true);
    for (const store of [state.sharedStore, ...Object.values(state.agentStores)]) {
      if (store?.credentials) {
        const read = readAuthCredentialDocument(store.credentials, { file: "auth-profiles.json" });
        expect(read).toEqual({ ok: true, value: store.credentials, warnings: [] });
      }
      if (store?.runtime) {
        const read = readAuthRuntimeStateDocument(store.runtime, { file: "auth-state.json" });
        expect(read).toEqual({ ok: true, value: store.runtime, warnings: [] });
      }
    }
  });

  it("covers the cases the status rules distinguish", () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const generated = generateOpenClawState(seed);
      for (const agentId of generated.agentIds) {
        const outcome = buildModelsStatus(generated.state, {
          ...generated.host,
          agentId,
          now: generated.now,
        });
        if (!outcome.ok) {
          seen.add("refused");
          continue;
        }
        const { auth } = outcome.status;
        seen.add(`check ${explainCheck(outcome.status).code}`);
        for (const window of auth.unusableProfiles) seen.add(`window ${window.kind}`);
        for (const health of auth.oauth.profiles) seen.add(`${health.type} ${health.status}`);
        if (auth.runtimeAuthRoutes.length > 0) seen.add("runtime route");
        if (auth.missingProvidersInUse.length > 0) seen.add("missing provider");
        if (Object.keys(generated.state.agentStores).includes(agentId)) seen.add("own store");
      }
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        "api_key missing",
        "api_key static",
        "check 0",
        "check 1",
        "check 2",
        "missing provider",
        "oauth expired",
        "oauth expiring",
        "oauth ok",
        "own store",
        "refused",
        "runtime route",
        "token expired",
        "token expiring",
        "token missing",
        "token ok",
        "token static",
        "window cooldown",
        "window disabled",
      ]),
    );
  });
});
