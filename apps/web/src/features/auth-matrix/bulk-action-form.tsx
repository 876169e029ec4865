"use client";

import { CACHE_RETENTION_VALUES } from "@clawfleet/core/model-params/model-params.schema";
import { BULK_PARAM_KEYS, type BulkParamKey } from "@clawfleet/core/fleet/bulk-edit.schema";

const inputClass =
  "rounded-md border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700 disabled:opacity-50";

type ParamOp = "keep" | "set" | "clear";

/** The form's raw state; `bulkActionDraft` turns it into the input the shared zod schema checks. */
export type BulkActionDraft = {
  kind: "model" | "params";
  mode: "inherit" | "strict" | "fallbacks";
  primary: string;
  fallbacks: string;
  layer: "agent" | "agent.models";
  modelRef: string;
  ops: Record<BulkParamKey, ParamOp>;
  values: Record<BulkParamKey, string>;
};

export const EMPTY_BULK_ACTION_DRAFT: BulkActionDraft = {
  kind: "params",
  mode: "inherit",
  primary: "",
  fallbacks: "",
  layer: "agent",
  modelRef: "",
  ops: { cacheRetention: "keep", temperature: "keep", maxTokens: "keep" },
  values: { cacheRetention: "short", temperature: "", maxTokens: "" },
};

const PARAM_LABELS: Record<BulkParamKey, string> = {
  cacheRetention: "cacheRetention",
  temperature: "temperature",
  maxTokens: "maxTokens",
};

function paramValue(key: BulkParamKey, raw: string): unknown {
  if (key === "cacheRetention") return raw;
  const trimmed = raw.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

/** The action as the server's `bulkEditActionSchema` expects it (unchecked: the caller validates). */
export function bulkActionDraft(draft: BulkActionDraft): unknown {
  if (draft.kind === "model") {
    if (draft.mode === "inherit") return { kind: "model", choice: { mode: "inherit" } };
    const primary = draft.primary.trim();
    if (draft.mode === "strict") return { kind: "model", choice: { mode: "strict", primary } };
    const fallbacks = draft.fallbacks
      .split(",")
      .map((ref) => ref.trim())
      .filter((ref) => ref !== "");
    return { kind: "model", choice: { mode: "fallbacks", primary, fallbacks } };
  }
  const set: Record<string, unknown> = {};
  for (const key of BULK_PARAM_KEYS)
    if (draft.ops[key] === "set") set[key] = paramValue(key, draft.values[key]);
  return {
    kind: "params",
    change: {
      layer:
        draft.layer === "agent"
          ? { kind: "agent" }
          : { kind: "agent.models", modelRef: draft.modelRef.trim() },
      set,
      clear: BULK_PARAM_KEYS.filter((key) => draft.ops[key] === "clear"),
    },
  };
}

/** Choose what to change on every selected agent: its model choice, or params on one layer. */
export function BulkActionForm({
  draft,
  onChange,
  disabled,
}: {
  draft: BulkActionDraft;
  onChange: (next: BulkActionDraft) => void;
  disabled: boolean;
}) {
  const set = (patch: Partial<BulkActionDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset disabled={disabled} className="grid gap-3">
      <legend className="sr-only">Bulk action</legend>
      <div className="flex items-center gap-2">
        <label htmlFor="bulk-action" className="w-28 text-zinc-600 dark:text-zinc-400">
          Action
        </label>
        <select
          id="bulk-action"
          className={inputClass}
          value={draft.kind}
          onChange={(event) => set({ kind: event.target.value as BulkActionDraft["kind"] })}
        >
          <option value="params">Set params</option>
          <option value="model">Set model</option>
        </select>
      </div>

      {draft.kind === "model" ? (
        <>
          <div className="flex items-center gap-2">
            <label htmlFor="bulk-model" className="w-28 text-zinc-600 dark:text-zinc-400">
              Model
            </label>
            <select
              id="bulk-model"
              className={inputClass}
              value={draft.mode}
              onChange={(event) => set({ mode: event.target.value as BulkActionDraft["mode"] })}
            >
              <option value="inherit">Use the gateway default (inherit)</option>
              <option value="strict">Strict primary (no fallback)</option>
              <option value="fallbacks">Primary with fallbacks</option>
            </select>
          </div>
          {draft.mode !== "inherit" ? (
            <div className="flex items-center gap-2">
              <label htmlFor="bulk-primary" className="w-28 text-zinc-600 dark:text-zinc-400">
                Primary
              </label>
              <input
                id="bulk-primary"
                className={`${inputClass} w-80 font-mono text-xs`}
                value={draft.primary}
                placeholder="anthropic/claude-opus-4-8"
                onChange={(event) => set({ primary: event.target.value })}
              />
            </div>
          ) : null}
          {draft.mode === "fallbacks" ? (
            <div className="flex items-center gap-2">
              <label htmlFor="bulk-fallbacks" className="w-28 text-zinc-600 dark:text-zinc-400">
                Fallbacks
              </label>
              <input
                id="bulk-fallbacks"
                className={`${inputClass} w-80 font-mono text-xs`}
                value={draft.fallbacks}
                placeholder="anthropic/claude-sonnet-5, openai/gpt-5.4"
                aria-describedby="fallbacks-hint"
                onChange={(event) => set({ fallbacks: event.target.value })}
              />
              <span id="fallbacks-hint" className="text-xs text-zinc-500">
                comma-separated, in order
              </span>
            </div>
          ) : null}
        </>
      ) : (
        <>
          <div className="flex items-center gap-2">
            <label htmlFor="bulk-layer" className="w-28 text-zinc-600 dark:text-zinc-400">
              Layer
            </label>
            <select
              id="bulk-layer"
              className={inputClass}
              value={draft.layer}
              onChange={(event) => set({ layer: event.target.value as BulkActionDraft["layer"] })}
            >
              <option value="agent">Agent params (every model)</option>
              <option value="agent.models">Agent&apos;s params for one model</option>
            </select>
          </div>
          {draft.layer === "agent.models" ? (
            <div className="flex items-center gap-2">
              <label htmlFor="bulk-model-ref" className="w-28 text-zinc-600 dark:text-zinc-400">
                Model ref
              </label>
              <input
                id="bulk-model-ref"
                className={`${inputClass} w-80 font-mono text-xs`}
                value={draft.modelRef}
                placeholder="anthropic/claude-opus-4-8"
                onChange={(event) => set({ modelRef: event.target.value })}
              />
            </div>
          ) : null}
          {BULK_PARAM_KEYS.map((key) => (
            <div key={key} className="flex items-center gap-2">
              <label htmlFor={`bulk-op-${key}`} className="w-28 font-mono text-xs">
                {PARAM_LABELS[key]}
              </label>
              <select
                id={`bulk-op-${key}`}
                className={inputClass}
                value={draft.ops[key]}
                onChange={(event) => set({ ops: { ...draft.ops, [key]: event.target.value as ParamOp } })}
              >
                <option value="keep">Leave as is</option>
                <option value="set">Set to</option>
                <option value="clear">Remove</option>
              </select>
              {draft.ops[key] === "set" ? (
                key === "cacheRetention" ? (
                  <select
                    aria-label={`New ${key}`}
                    className={inputClass}
                    value={draft.values[key]}
                    onChange={(event) => set({ values: { ...draft.values, [key]: event.target.value } })}
                  >
                    {CACHE_RETENTION_VALUES.map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    aria-label={`New ${key}`}
                    inputMode="decimal"
                    className={`${inputClass} w-28`}
                    value={draft.values[key]}
                    placeholder={key === "temperature" ? "0 – 2" : "e.g. 4096"}
                    onChange={(event) => set({ values: { ...draft.values, [key]: event.target.value } })}
                  />
                )
              ) : null}
            </div>
          ))}
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Other params on the layer stay as each agent has them. With subscription auth (setup-token or
            OAuth) OpenClaw ignores cache settings.
          </p>
        </>
      )}
    </fieldset>
  );
}
