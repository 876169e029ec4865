import { describe, expect, it } from "vitest";
import { parseChangeEvent } from "./change-event";
import { describeJobDone } from "./job-done-message";

const team = "6f1c2a8e-0000-4000-8000-000000000001";

describe("parseChangeEvent", () => {
  it.each([
    {
      case: "a topic without ids",
      payload: `{"team":"${team}","topic":"agents","ids":null}`,
      topic: "agents",
    },
    {
      case: "a topic with ids",
      payload: `{"team":"${team}","topic":"statuses","ids":["a","b"]}`,
      topic: "statuses",
    },
    {
      case: "a finished job",
      payload: `{"team":"${team}","topic":"jobs","done":{"kind":"import","id":"r1","outcome":"failed","by":null}}`,
      topic: "jobs",
    },
  ])("reads $case", ({ payload, topic }) => {
    expect(parseChangeEvent(payload)?.topic).toBe(topic);
  });

  it.each([
    { case: "not JSON", payload: "agents" },
    { case: "an unknown topic", payload: `{"team":"${team}","topic":"secrets"}` },
    { case: "no team", payload: `{"topic":"agents"}` },
    {
      case: "an unknown job kind",
      payload: `{"team":"${team}","topic":"jobs","done":{"kind":"x","id":"1","outcome":"failed","by":null}}`,
    },
  ])("refuses $case", ({ payload }) => {
    expect(parseChangeEvent(payload)).toBeNull();
  });
});

describe("describeJobDone", () => {
  it.each([
    { kind: "import", outcome: "succeeded", message: "Import finished", failed: false },
    { kind: "bulk_edit", outcome: "failed", message: "Bulk edit failed", failed: true },
    { kind: "host_job", outcome: "applied", message: "Host job applied on the host", failed: false },
    { kind: "host_job", outcome: "failed", message: "Host job failed", failed: true },
  ] as const)("$kind $outcome → $message", ({ kind, outcome, message, failed }) => {
    expect(describeJobDone({ kind, outcome, id: "x", by: null })).toEqual({ message, failed });
  });
});
