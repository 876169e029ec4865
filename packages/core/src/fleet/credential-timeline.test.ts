import { describe, expect, it } from "vitest";

import { prepareModelsStatus } from "../models-status/build-models-status";
import { restampModelsStatus } from "../models-status/status-clock";
import { generateOpenClawState } from "../testing/openclaw-state-generator";
import { credentialTimelineOf } from "./credential-timeline";

const HOUR = 3_600_000;

describe("credentialTimelineOf", () => {
  it("lists expiries and windows as absolute instants, and nothing for a refusal", () => {
    const generated = generateOpenClawState(11, { agentCount: 1 });
    const outcome = prepareModelsStatus(generated.state, generated.host).statusOf(undefined, generated.now);
    if (!outcome.ok) throw new Error("expected a status");
    const timeline = credentialTimelineOf(outcome);
    expect(timeline.expiries.map((expiry) => expiry.profileId)).toEqual(
      outcome.status.auth.oauth.profiles
        .filter((health) => health.type !== "api_key" && health.expiresAt !== undefined)
        .map((health) => health.profileId),
    );
    expect(timeline.windows.map((window) => [window.profileId, window.until])).toEqual(
      outcome.status.auth.unusableProfiles.map((window) => [window.profileId, window.until]),
    );
    expect(credentialTimelineOf({ ok: false, error: { type: "cli_error", message: "no" } })).toEqual({
      expiries: [],
      windows: [],
    });
  });

  it.each(Array.from({ length: 60 }, (_, index) => index + 1))(
    "seed %i: holds no countdown, so a later instant before the next change gives the same facts (property)",
    (seed) => {
      const generated = generateOpenClawState(seed);
      const prepared = prepareModelsStatus(generated.state, generated.host);
      for (const agentId of generated.agentIds) {
        const stored = prepared.statusOf(agentId, generated.now);
        const next = prepared.nextStatusChangeAt(agentId, generated.now) ?? generated.now + 24 * HOUR;
        const later = restampModelsStatus(stored, generated.now, next - 1);
        expect(credentialTimelineOf(later)).toEqual(credentialTimelineOf(stored));
        expect(credentialTimelineOf(prepared.statusOf(agentId, next - 1))).toEqual(
          credentialTimelineOf(stored),
        );
      }
    },
  );
});
