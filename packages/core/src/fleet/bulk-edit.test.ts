import { describe, expect, it } from "vitest";
import { type BulkEditAgent, bulkEditChanges, planBulkEdit, replaceParamsLayer } from "./bulk-edit";
import { bulkEditActionSchema, bulkEditAgentIdsSchema, bulkEditItemsSchema } from "./bulk-edit.schema";

const OPUS = "anthropic/claude-opus-4-8";
const SONNET = "anthropic/claude-sonnet-5";

function agent(overrides: Partial<BulkEditAgent>): BulkEditAgent {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    name: "Support triage 1",
    gatewayName: "prod",
    version: 3,
    model: null,
    models: {},
    params: {},
    ...overrides,
  };
}

const action = (input: unknown) => bulkEditActionSchema.parse(input);

describe("bulkEditChanges: what a bulk action changes per agent", () => {
  it.each([
    {
      case: "inherit over a strict primary",
      agent: agent({ model: OPUS }),
      action: { kind: "model", choice: { mode: "inherit" } },
      expected: { model: null },
    },
    {
      case: "inherit when already inheriting",
      agent: agent({ model: null }),
      action: { kind: "model", choice: { mode: "inherit" } },
      expected: null,
    },
    {
      case: "strict when stored as {primary} without fallbacks",
      agent: agent({ model: { primary: OPUS } }),
      action: { kind: "model", choice: { mode: "strict", primary: OPUS } },
      expected: null,
    },
    {
      case: "fallbacks in a new order",
      agent: agent({ model: { primary: OPUS, fallbacks: [SONNET, "openai/gpt-5.4"] } }),
      action: {
        kind: "model",
        choice: { mode: "fallbacks", primary: OPUS, fallbacks: ["openai/gpt-5.4", SONNET] },
      },
      expected: { model: { primary: OPUS, fallbacks: ["openai/gpt-5.4", SONNET] } },
    },
    {
      case: "set one agent param, keep the others",
      agent: agent({ params: { temperature: 0.2, cacheRetention: "long" } }),
      action: { kind: "params", change: { layer: { kind: "agent" }, set: { cacheRetention: "short" } } },
      expected: { params: { temperature: 0.2, cacheRetention: "short" } },
    },
    {
      case: "set a param it already has",
      agent: agent({ params: { cacheRetention: "short", maxTokens: 100 } }),
      action: { kind: "params", change: { layer: { kind: "agent" }, set: { cacheRetention: "short" } } },
      expected: null,
    },
    {
      case: "remove a param from a model's layer, keeping its alias",
      agent: agent({ models: { [OPUS]: { alias: "big", params: { temperature: 1, maxTokens: 9 } } } }),
      action: {
        kind: "params",
        change: { layer: { kind: "agent.models", modelRef: OPUS }, set: {}, clear: ["temperature"] },
      },
      expected: { models: { [OPUS]: { alias: "big", params: { maxTokens: 9 } } } },
    },
    {
      case: "remove a model's last param: the empty entry goes",
      agent: agent({ models: { [OPUS]: { params: { temperature: 1 } }, [SONNET]: { alias: "s" } } }),
      action: {
        kind: "params",
        change: { layer: { kind: "agent.models", modelRef: OPUS }, set: {}, clear: ["temperature"] },
      },
      expected: { models: { [SONNET]: { alias: "s" } } },
    },
    {
      case: "set a model's param where the agent has no entry",
      agent: agent({}),
      action: {
        kind: "params",
        change: { layer: { kind: "agent.models", modelRef: SONNET }, set: { maxTokens: 4096 } },
      },
      expected: { models: { [SONNET]: { params: { maxTokens: 4096 } } } },
    },
  ])("$case", ({ agent: current, action: input, expected }) => {
    expect(bulkEditChanges(current, action(input))).toEqual(expected);
  });
});

describe("planBulkEdit: the preview", () => {
  it("lists every agent with its current and new value, marking the unchanged ones", () => {
    const plan = planBulkEdit(
      [
        agent({ id: "a", name: "A", params: { cacheRetention: "long", temperature: 0.5 } }),
        agent({ id: "b", name: "B", params: { cacheRetention: "short" } }),
        agent({ id: "c", name: "C", version: 7 }),
      ],
      action({ kind: "params", change: { layer: { kind: "agent" }, set: { cacheRetention: "short" } } }),
    );
    expect(plan.changedCount).toBe(2);
    expect(plan.items).toEqual([
      expect.objectContaining({
        agentId: "a",
        current: "cacheRetention=long, temperature=0.5",
        next: "cacheRetention=short, temperature=0.5",
        changed: true,
      }),
      expect.objectContaining({ agentId: "b", current: "cacheRetention=short", changed: false }),
      expect.objectContaining({
        agentId: "c",
        version: 7,
        current: "no params",
        next: "cacheRetention=short",
      }),
    ]);
  });

  it("describes model choices in words", () => {
    const plan = planBulkEdit(
      [
        agent({ model: null }),
        agent({ model: OPUS }),
        agent({ model: { primary: OPUS, fallbacks: [SONNET] } }),
      ],
      action({ kind: "model", choice: { mode: "fallbacks", primary: SONNET, fallbacks: [OPUS] } }),
    );
    expect(plan.items.map((item) => [item.current, item.next])).toEqual([
      ["gateway default (inherit)", `${SONNET} → ${OPUS}`],
      [`${OPUS} (strict, no fallback)`, `${SONNET} → ${OPUS}`],
      [`${OPUS} → ${SONNET}`, `${SONNET} → ${OPUS}`],
    ]);
  });
});

describe("bulk edit input", () => {
  it.each([
    {
      case: "nothing to do",
      input: { kind: "params", change: { layer: { kind: "agent" }, set: {} } },
      path: "change.set",
    },
    {
      case: "set and removed at once",
      input: {
        kind: "params",
        change: { layer: { kind: "agent" }, set: { maxTokens: 5 }, clear: ["maxTokens"] },
      },
      path: "change.clear",
    },
    {
      case: "a param outside the bulk set",
      input: { kind: "params", change: { layer: { kind: "agent" }, set: { context1m: true } } },
      path: "change.set",
    },
    {
      case: "temperature out of range",
      input: { kind: "params", change: { layer: { kind: "agent" }, set: { temperature: 3 } } },
      path: "change.set.temperature",
    },
    {
      case: "fallbacks without a fallback",
      input: { kind: "model", choice: { mode: "fallbacks", primary: OPUS, fallbacks: [] } },
      path: "choice.fallbacks",
    },
  ])("refuses $case at $path", ({ input, path }) => {
    const result = bulkEditActionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it("takes 1 to 1,000 distinct agent ids", () => {
    const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
    expect(bulkEditAgentIdsSchema.safeParse([]).success).toBe(false);
    expect(bulkEditAgentIdsSchema.safeParse([id(1), id(1)]).success).toBe(false);
    expect(bulkEditAgentIdsSchema.safeParse(Array.from({ length: 1000 }, (_, n) => id(n))).success).toBe(
      true,
    );
    expect(
      bulkEditAgentIdsSchema.safeParse(Array.from({ length: 1001 }, (_, n) => id(n))).error?.issues[0]
        ?.message,
    ).toBe("A bulk edit takes at most 1,000 agents.");
  });
});

describe("bulkEditItemsSchema", () => {
  it("takes each agent once, at a positive version, at most 1,000 of them", () => {
    const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
    const item = (n: number) => ({ agentId: id(n), expectedVersion: 1 });
    expect(bulkEditItemsSchema.safeParse([item(1), item(2)]).success).toBe(true);
    expect(bulkEditItemsSchema.safeParse([]).error?.issues[0]?.message).toBe("Select at least one agent.");
    expect(bulkEditItemsSchema.safeParse([item(1), item(1)]).error?.issues[0]?.message).toBe(
      "Each agent may appear once.",
    );
    expect(bulkEditItemsSchema.safeParse([{ agentId: id(1), expectedVersion: 0 }]).success).toBe(false);
    expect(
      bulkEditItemsSchema.safeParse(Array.from({ length: 1001 }, (_, n) => item(n))).error?.issues[0]
        ?.message,
    ).toBe("A bulk edit takes at most 1,000 agents.");
  });
});

describe("replaceParamsLayer", () => {
  it("replaces the agent-wide layer whole", () => {
    expect(replaceParamsLayer(agent({}), { layer: { kind: "agent" }, params: { maxTokens: 1 } })).toEqual({
      params: { maxTokens: 1 },
    });
  });
});
