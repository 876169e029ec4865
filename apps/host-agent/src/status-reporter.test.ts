import { afterEach, describe, expect, test, vi } from "vitest";
import type { ReportsRequest } from "@clawfleet/core/connector/host-channel";
import type { GatewayRequester } from "./executors/executor-context";
import type { OpenClawRun } from "./openclaw-cli";
import { CONFIG_CHANGED_DEBOUNCE_MS, STATUS_CONCURRENCY, StatusReporter } from "./status-reporter";

const gateway: GatewayRequester = {
  request: (method) => {
    if (method === "config.get") return Promise.resolve({ hash: "hash-2", parsed: { agents: {} } });
    if (method === "agents.list") return Promise.resolve({ agents: [{ id: "a" }, { id: "b" }, { id: "c" }] });
    return Promise.resolve({ providers: [] });
  },
};

function reporterWith(openclaw: (run: OpenClawRun) => Promise<{ stdout: string; stderr: string }>) {
  const posted: ReportsRequest[] = [];
  const reporter = new StatusReporter({
    channel: { postReports: (request) => Promise.resolve(void posted.push(request)) },
    gateway: () => Promise.resolve(gateway),
    openclaw,
    log: () => undefined,
    now: () => Date.parse("2026-11-30T10:00:00Z"),
  });
  return { reporter, posted };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the status reporter", () => {
  test("a burst of config.changed events sends the Gateway's state once", async () => {
    vi.useFakeTimers();
    const { reporter, posted } = reporterWith(() => Promise.reject(new Error("not used")));
    reporter.configChanged();
    await vi.advanceTimersByTimeAsync(CONFIG_CHANGED_DEBOUNCE_MS / 2);
    reporter.configChanged();
    reporter.configChanged();
    await vi.advanceTimersByTimeAsync(CONFIG_CHANGED_DEBOUNCE_MS - 1);
    expect(posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(posted).toEqual([
      {
        reports: [],
        gatewayState: {
          takenAt: "2026-11-30T10:00:00.000Z",
          configHash: "hash-2",
          config: { agents: {} },
          agents: { agents: [{ id: "a" }, { id: "b" }, { id: "c" }] },
          authStatus: { providers: [] },
        },
      },
    ]);
  });

  test("reports every agent each interval until stopped", async () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const { reporter, posted } = reporterWith((run) => {
      asked.push(run.args[run.args.indexOf("--agent") + 1] ?? "");
      return Promise.resolve({ stdout: "{}", stderr: "" });
    });
    reporter.reportEvery(60_000);
    reporter.reportEvery(60_000); // the same interval again (every poll answer carries it) keeps the wait
    await vi.advanceTimersByTimeAsync(59_999);
    expect(posted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(["a", "b", "c"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posted).toHaveLength(2);
    reporter.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(posted).toHaveLength(2);
  });

  test("reports every agent when asked for none, verbatim, at most two CLI runs at a time", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const { reporter, posted } = reporterWith(async (run) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      const agent = run.args[run.args.indexOf("--agent") + 1];
      return { stdout: JSON.stringify({ agentId: agent }), stderr: "" };
    });
    expect(await reporter.reportAgents([])).toBe(3);
    expect(mostAtOnce).toBe(STATUS_CONCURRENCY);
    expect(posted[0]?.reports.map((report) => [report.agentKey, report.status])).toEqual([
      ["a", { agentId: "a" }],
      ["b", { agentId: "b" }],
      ["c", { agentId: "c" }],
    ]);
  });
});
