"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type SyntheticEvent, useState } from "react";
import {
  type GatewayDefaultsEdit,
  gatewayDefaultsEditSchema,
  migrateCacheControlTtl,
} from "@clawfleet/core/fleet/gateway-defaults-edit.schema";
import type { GatewayModelSettings } from "@clawfleet/core/fleet/gateway-model-settings";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { EffectiveParamsTable, modelAuthWords } from "~/features/agents/agent-params-panel";
import { useSaveProblem, useVersionedDraft } from "~/features/agents/use-agent-form";
import { rebaseDraft } from "~/lib/draft-rebase";
import { ImpactPreview, useDebouncedValue, useImpactGuard } from "~/features/impact/impact-preview";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";

type JsonRecord = Record<string, unknown>;

/** One params layer as the form edits it: three fields, the legacy TTL (shown, migratable), other keys kept. */
type ParamsDraft = {
  cacheRetention: string;
  temperature: string;
  maxTokens: string;
  cacheControlTtl: string | null;
  others: JsonRecord;
};

type ModelEntryDraft = { ref: string; alias: string; params: ParamsDraft };

type DefaultsDraft = {
  hasModel: boolean;
  primary: string;
  fallbacks: string[];
  imageModel: string;
  utilityModel: string;
  params: ParamsDraft;
  models: ModelEntryDraft[];
};

/** The draft fields that stand for one setting: the default model is its primary and fallbacks together. */
const DRAFT_FIELD_GROUPS = [["hasModel", "primary", "fallbacks"]] as const;

type GatewayDefaultsData = {
  model: unknown;
  imageModel: unknown;
  utilityModel: unknown;
  models: JsonRecord;
  params: JsonRecord;
  version: number;
};

const asRecord = (value: unknown): JsonRecord =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonRecord) : {};

function paramsDraftOf(params: JsonRecord): ParamsDraft {
  const { cacheRetention, temperature, maxTokens, cacheControlTtl, ...others } = params;
  return {
    cacheRetention: typeof cacheRetention === "string" ? cacheRetention : "",
    temperature: typeof temperature === "number" ? String(temperature) : "",
    maxTokens: typeof maxTokens === "number" ? String(maxTokens) : "",
    cacheControlTtl: typeof cacheControlTtl === "string" ? cacheControlTtl : null,
    others,
  };
}

/** The params a draft stands for; a number field that is not a number is passed on for the schema to refuse. */
function paramsOf(draft: ParamsDraft): JsonRecord {
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  const params: JsonRecord = { ...draft.others };
  if (draft.cacheRetention) params.cacheRetention = draft.cacheRetention;
  const temperature = number(draft.temperature);
  if (temperature !== undefined) params.temperature = temperature;
  const maxTokens = number(draft.maxTokens);
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (draft.cacheControlTtl !== null) params.cacheControlTtl = draft.cacheControlTtl;
  return params;
}

function modelRefOf(value: unknown): string {
  if (typeof value === "string") return value;
  const primary = asRecord(value).primary;
  return typeof primary === "string" ? primary : "";
}

function draftOf(defaults: GatewayDefaultsData): DefaultsDraft {
  const model = asRecord(defaults.model);
  const fallbacks = Array.isArray(model.fallbacks)
    ? model.fallbacks.filter((ref): ref is string => typeof ref === "string")
    : [];
  return {
    hasModel: defaults.model !== null && modelRefOf(defaults.model) !== "",
    primary: modelRefOf(defaults.model),
    fallbacks,
    imageModel: modelRefOf(defaults.imageModel),
    utilityModel: typeof defaults.utilityModel === "string" ? defaults.utilityModel : "",
    params: paramsDraftOf(defaults.params),
    models: Object.entries(defaults.models).map(([ref, entry]) => {
      const { alias, params } = asRecord(entry);
      return {
        ref,
        alias: typeof alias === "string" ? alias : "",
        params: paramsDraftOf(asRecord(params)),
      };
    }),
  };
}

/**
 * The edit a draft stands for. The image and utility models are only written when the user changed them from
 * `base`, the values their draft started from: an image model object (with fallbacks or a timeout) the form
 * shows by its primary is never flattened by another edit, and reapplying a draft after a conflict keeps an
 * image or utility model someone else set meanwhile.
 */
function editOf(draft: DefaultsDraft, base: DefaultsDraft): unknown {
  const optionalRef = (text: string) => (text.trim() === "" ? null : text.trim());
  return {
    model: draft.hasModel
      ? {
          primary: draft.primary.trim(),
          fallbacks: draft.fallbacks.map((ref) => ref.trim()).filter(Boolean),
        }
      : null,
    params: paramsOf(draft.params),
    ...(draft.imageModel !== base.imageModel ? { imageModel: optionalRef(draft.imageModel) } : {}),
    ...(draft.utilityModel !== base.utilityModel ? { utilityModel: optionalRef(draft.utilityModel) } : {}),
    models: Object.fromEntries(
      draft.models.map((entry) => [
        entry.ref.trim(),
        {
          ...(entry.alias.trim() ? { alias: entry.alias.trim() } : {}),
          params: paramsOf(entry.params),
        },
      ]),
    ),
  };
}

const inputClass =
  "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-2 py-1 font-mono text-xs disabled:opacity-70 aria-[invalid=true]:border-red-600 dark:border-zinc-700";

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="mt-1 block text-xs text-red-700 dark:text-red-400">
      {message}
    </span>
  ) : null;
}

/** One params layer's fields, with the legacy `cacheControlTtl` shown and a one-click migration. */
function ParamsFields({
  label,
  idPrefix,
  value,
  onChange,
  errors,
}: {
  label: string;
  idPrefix: string;
  value: ParamsDraft;
  onChange: (next: ParamsDraft) => void;
  errors: (field: string) => string | undefined;
}) {
  const field = (name: "temperature" | "maxTokens", mode: "decimal" | "numeric") => {
    const error = errors(name);
    return (
      <label>
        <span className="text-xs font-medium">{name}</span>
        <input
          inputMode={mode}
          value={value[name]}
          placeholder="not set"
          aria-label={`${name} for ${label}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${idPrefix}-${name}-error` : undefined}
          onChange={(event) => onChange({ ...value, [name]: event.target.value })}
          className={inputClass}
        />
        <FieldError id={`${idPrefix}-${name}-error`} message={error} />
      </label>
    );
  };
  return (
    <div className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-3">
        <label>
          <span className="text-xs font-medium">cacheRetention</span>
          <select
            value={value.cacheRetention}
            aria-label={`cacheRetention for ${label}`}
            onChange={(event) => onChange({ ...value, cacheRetention: event.target.value })}
            className={inputClass}
          >
            <option value="">not set</option>
            <option value="none">none</option>
            <option value="short">short (5 min)</option>
            <option value="long">long (1 h)</option>
          </select>
        </label>
        {field("temperature", "decimal")}
        {field("maxTokens", "numeric")}
      </div>
      {value.cacheControlTtl !== null ? (
        <Notice tone="warning">
          Legacy <span className="font-mono">cacheControlTtl: {value.cacheControlTtl}</span> is set
          {value.cacheRetention ? " (cacheRetention wins over it)" : ""}.{" "}
          <Button
            type="button"
            variant="secondary"
            className="ml-1"
            aria-label={`Migrate cacheControlTtl to cacheRetention for ${label}`}
            onClick={() => onChange(paramsDraftOf(migrateCacheControlTtl(paramsOf(value))))}
          >
            Migrate to cacheRetention
          </Button>
        </Notice>
      ) : null}
      {Object.keys(value.others).length > 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Also kept as they are: <span className="font-mono">{JSON.stringify(value.others)}</span>
        </p>
      ) : null}
    </div>
  );
}

const ROLE_WORDS = { primary: "primary", fallback: "fallback", "models-map": "models map entry" } as const;

/** What OpenClaw makes of the saved defaults: the models an agent without overrides runs and their params. */
function EffectiveDefaults({ settings }: { settings: GatewayModelSettings }) {
  const { effective } = settings;
  return (
    <section aria-labelledby="effective-defaults-heading" className="space-y-3">
      <h2 id="effective-defaults-heading" className="text-base font-semibold">
        Effective for agents that follow the defaults
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-zinc-500 dark:text-zinc-400">Model</dt>
        <dd className="font-mono text-xs leading-5" data-testid="effective-default-model">
          {effective.primary}
          {effective.fallbacks.length > 0 ? ` → ${effective.fallbacks.join(" → ")}` : " (no fallback)"}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Image model</dt>
        <dd className="font-mono text-xs leading-5" data-testid="effective-image-model">
          {effective.imageModel ?? "none"}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Utility model</dt>
        <dd className="font-mono text-xs leading-5">
          {effective.utilityModel.ref ?? "none"}{" "}
          <span className="font-sans text-zinc-500 dark:text-zinc-400">
            ({effective.utilityModel.source})
          </span>
        </dd>
      </dl>
      {settings.models.map((model) => (
        <div key={model.modelRef} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <h3 className="font-medium">
            <span className="font-mono">{model.modelRef}</span>{" "}
            <span className="font-normal text-zinc-500 dark:text-zinc-400">
              · {model.roles.map((role) => ROLE_WORDS[role]).join(", ")} · {modelAuthWords(model)}
            </span>
          </h3>
          {model.params.warnings.map((warning) => (
            <Notice key={warning.code} tone="warning">
              {warning.message}
            </Notice>
          ))}
          <EffectiveParamsTable model={model} />
        </div>
      ))}
    </section>
  );
}

function DefaultsForm({
  gatewayId,
  defaults,
  settings,
}: {
  gatewayId: string;
  defaults: GatewayDefaultsData;
  settings: GatewayModelSettings;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("operator");
  const form = useVersionedDraft(draftOf(defaults), defaults.version);
  const draft = form.value;
  const set = (patch: Partial<DefaultsDraft>) => form.set({ ...draft, ...patch });
  const problem = useSaveProblem();
  const [saved, setSaved] = useState<number | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const impactGuard = useImpactGuard();
  const mutation = useMutation(
    trpc.gateways.updateDefaults.mutationOptions({
      onMutate: () => setSaved(null),
      onSuccess: (after) => {
        problem.clear();
        setShowErrors(false);
        setSaved(after.version);
        form.reset();
      },
      onError: (error) => problem.report(error),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.gateways.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.hostAgents.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.impact.pathKey() }),
        ]),
    }),
  );

  const parsed = gatewayDefaultsEditSchema.safeParse(editOf(draft, form.base));
  const issues = parsed.success ? [] : parsed.error.issues;
  const errorAt = (...path: (string | number)[]) =>
    showErrors || form.dirty
      ? issues.find((issue) => issue.path.join("\u0000") === path.join("\u0000"))?.message
      : undefined;
  const previewInput = useDebouncedValue(
    form.dirty && blocked === null && parsed.success ? { gatewayId, edit: parsed.data } : null,
  );
  const impact = useQuery(trpc.impact.gatewayDefaults.queryOptions(previewInput ?? skipToken));

  function submit(event: SyntheticEvent, toSave = { draft, base: form.base, version: form.baseVersion }) {
    event.preventDefault();
    setShowErrors(true);
    const checked = gatewayDefaultsEditSchema.safeParse(editOf(toSave.draft, toSave.base));
    if (!checked.success) return;
    const edit: GatewayDefaultsEdit = checked.data;
    const { version } = toSave;
    void impactGuard.guard(
      () =>
        queryClient.fetchQuery({
          ...trpc.impact.gatewayDefaults.queryOptions({ gatewayId, edit }),
          staleTime: 0,
        }),
      () => mutation.mutate({ gatewayId, expectedVersion: version, edit }),
    );
  }

  /** Saves the user's changes on top of the version that overtook theirs, keeping what the other save changed. */
  function reapply(event: SyntheticEvent) {
    const latest = draftOf(defaults);
    const rebased = rebaseDraft(draft, form.base, latest, DRAFT_FIELD_GROUPS);
    form.rebase(rebased, latest, defaults.version);
    submit(event, { draft: rebased, base: latest, version: defaults.version });
  }

  const refField = (
    label: string,
    value: string,
    onChange: (next: string) => void,
    error: string | undefined,
    id: string,
  ) => (
    <label className="block">
      <span className="font-medium">{label}</span>
      <input
        list="gateway-known-models"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      />
      <FieldError id={`${id}-error`} message={error} />
    </label>
  );

  const fallbackErrors = issues.filter((issue) => issue.path[0] === "model" && issue.path[1] === "fallbacks");
  return (
    <form onSubmit={submit} className="max-w-3xl space-y-6" aria-labelledby="defaults-form-heading">
      <h2 id="defaults-form-heading" className="text-base font-semibold">
        Edit defaults
      </h2>
      <datalist id="gateway-known-models">
        {settings.knownModels.map((ref) => (
          <option key={ref} value={ref} />
        ))}
      </datalist>
      <fieldset disabled={blocked !== null} className="space-y-6">
        <fieldset className="space-y-3">
          <legend className="font-medium">Default model (agents.defaults.model)</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={draft.hasModel}
              onChange={(event) => set({ hasModel: event.target.checked })}
            />
            Set a default model (unchecked: OpenClaw&apos;s built-in choice applies)
          </label>
          {draft.hasModel ? (
            <>
              {refField(
                "Primary model",
                draft.primary,
                (primary) => set({ primary }),
                errorAt("model", "primary"),
                "defaults-primary",
              )}
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={draft.fallbacks.length === 0}
                  onChange={(event) => set({ fallbacks: event.target.checked ? [] : [""] })}
                />
                Strict primary: no model fallback
              </label>
              {draft.fallbacks.length > 0 ? (
                <div>
                  <span className="font-medium">Fallbacks, in order</span>
                  <ol className="mt-1 space-y-1">
                    {draft.fallbacks.map((ref, index) => (
                      <li key={index} className="flex items-center gap-1">
                        <span className="w-5 text-right text-zinc-500">{index + 1}.</span>
                        <input
                          list="gateway-known-models"
                          aria-label={`Default fallback ${index + 1}`}
                          value={ref}
                          onChange={(event) =>
                            set({
                              fallbacks: draft.fallbacks.map((old, at) =>
                                at === index ? event.target.value : old,
                              ),
                            })
                          }
                          className={inputClass}
                        />
                        <Button
                          type="button"
                          variant="secondary"
                          aria-label={`Remove default fallback ${index + 1}`}
                          onClick={() => set({ fallbacks: draft.fallbacks.filter((_, at) => at !== index) })}
                        >
                          Remove
                        </Button>
                      </li>
                    ))}
                  </ol>
                  {fallbackErrors.length > 0 && (showErrors || form.dirty) ? (
                    <FieldError id="defaults-fallbacks-error" message={fallbackErrors[0]?.message} />
                  ) : null}
                  <Button
                    type="button"
                    variant="secondary"
                    className="mt-2"
                    onClick={() => set({ fallbacks: [...draft.fallbacks, ""] })}
                  >
                    Add fallback
                  </Button>
                </div>
              ) : null}
            </>
          ) : null}
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          {refField(
            "Image model (imageModel)",
            draft.imageModel,
            (imageModel) => set({ imageModel }),
            errorAt("imageModel"),
            "defaults-image",
          )}
          {refField(
            "Utility model (utilityModel)",
            draft.utilityModel,
            (utilityModel) => set({ utilityModel }),
            errorAt("utilityModel"),
            "defaults-utility",
          )}
        </div>

        <fieldset className="space-y-2">
          <legend className="font-medium">Params for every model (agents.defaults.params)</legend>
          <ParamsFields
            label="every model"
            idPrefix="defaults-params"
            value={draft.params}
            onChange={(params) => set({ params })}
            errors={(name) => errorAt("params", name)}
          />
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="font-medium">
            Models map (agents.defaults.models): aliases and per-model params
          </legend>
          {draft.models.length === 0 ? (
            <p className="text-zinc-500 dark:text-zinc-400">No model entries.</p>
          ) : null}
          {draft.models.map((entry, index) => {
            const update = (patch: Partial<ModelEntryDraft>) =>
              set({ models: draft.models.map((old, at) => (at === index ? { ...old, ...patch } : old)) });
            const key = entry.ref.trim();
            const label = entry.ref || `model entry ${index + 1}`;
            return (
              <div
                key={index}
                role="group"
                aria-label={`Model entry ${label}`}
                className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
              >
                <div className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
                  <label>
                    <span className="text-xs font-medium">Model</span>
                    <input
                      value={entry.ref}
                      list="gateway-known-models"
                      aria-label={`Model of entry ${index + 1}`}
                      onChange={(event) => update({ ref: event.target.value })}
                      className={inputClass}
                    />
                  </label>
                  <label>
                    <span className="text-xs font-medium">Alias</span>
                    <input
                      value={entry.alias}
                      aria-label={`Alias of ${label}`}
                      aria-invalid={errorAt("models", key, "alias") ? true : undefined}
                      onChange={(event) => update({ alias: event.target.value })}
                      className={inputClass}
                    />
                  </label>
                  <Button
                    type="button"
                    variant="secondary"
                    aria-label={`Remove model entry ${label}`}
                    onClick={() => set({ models: draft.models.filter((_, at) => at !== index) })}
                  >
                    Remove
                  </Button>
                </div>
                <FieldError
                  id={`defaults-model-${index}-alias-error`}
                  message={errorAt("models", key, "alias")}
                />
                <ParamsFields
                  label={label}
                  idPrefix={`defaults-model-${index}`}
                  value={entry.params}
                  onChange={(params) => update({ params })}
                  errors={(name) => errorAt("models", key, "params", name)}
                />
              </div>
            );
          })}
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              set({ models: [...draft.models, { ref: "", alias: "", params: paramsDraftOf({}) }] })
            }
          >
            Add model entry
          </Button>
        </fieldset>
      </fieldset>

      {!parsed.success && showErrors ? (
        <Notice tone="error">
          Fix the fields marked above:{" "}
          {issues.map((issue) => `${issue.path.join(".") || "defaults"}: ${issue.message}`).join("; ")}
        </Notice>
      ) : null}
      {blocked === null ? (
        <ImpactPreview
          impact={impact.data}
          pending={impact.isFetching}
          error={impact.error}
          idle={
            !form.dirty
              ? "Change a default to see which agents it affects before you save."
              : !parsed.success
                ? "Fix the marked fields to see the impact."
                : null
          }
        />
      ) : null}
      {impactGuard.panel}
      {problem.problem ? (
        <Notice tone={problem.problem.kind === "conflict" ? "warning" : "error"} role="alert">
          <p>{problem.problem.message}</p>
          {problem.problem.kind === "conflict" ? (
            <div className="mt-2 flex gap-2">
              <Button type="button" variant="secondary" onClick={reapply}>
                Reapply my changes
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  problem.clear();
                  form.reset();
                }}
              >
                Keep theirs
              </Button>
            </div>
          ) : null}
        </Notice>
      ) : null}
      {saved !== null && !problem.problem ? (
        <Notice tone="success">Defaults saved (version {saved}).</Notice>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          disabled={blocked !== null || mutation.isPending || impactGuard.checking}
          title={blocked ?? undefined}
        >
          {mutation.isPending ? "Saving…" : impactGuard.checking ? "Checking impact…" : "Save defaults"}
        </Button>
        {form.dirty ? (
          <Button type="button" variant="secondary" onClick={() => form.reset()}>
            Discard changes
          </Button>
        ) : null}
        {blocked ? <span className="text-zinc-500 dark:text-zinc-400">{blocked}</span> : null}
      </div>
    </form>
  );
}

/**
 * A gateway's `agents.defaults`: the model, image and utility models, the models map and params, edited with
 * the effective values and their sources beside them and the impact on every agent previewed before saving.
 */
export function GatewayDefaultsEditor({ gatewayId }: { gatewayId: string }) {
  const trpc = useTRPC();
  const gateway = useQuery(trpc.gateways.byId.queryOptions({ gatewayId }));
  const defaults = useQuery(trpc.gateways.defaults.queryOptions({ gatewayId }));
  const settings = useQuery(trpc.gateways.modelSettings.queryOptions({ gatewayId }));
  const error = gateway.error ?? defaults.error ?? settings.error;
  return (
    <article aria-labelledby="gateway-defaults-heading" className="max-w-5xl space-y-6">
      <div>
        <Link href="/gateways" className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← Gateways
        </Link>
        <h1 id="gateway-defaults-heading" className="mt-1 text-xl font-semibold">
          {gateway.data ? `Defaults of ${gateway.data.name}` : "Gateway defaults"}
        </h1>
        <p className="text-zinc-500 dark:text-zinc-400">
          Every agent of this gateway without its own setting follows these (agents.defaults).
          {defaults.data ? ` Version ${defaults.data.version}.` : ""}
        </p>
      </div>
      {error ? <Notice tone="error">{error.message}</Notice> : null}
      {settings.data ? <EffectiveDefaults settings={settings.data} /> : null}
      {defaults.data && settings.data ? (
        <DefaultsForm gatewayId={gatewayId} defaults={defaults.data} settings={settings.data} />
      ) : !error ? (
        <p aria-busy="true">Loading defaults…</p>
      ) : null}
    </article>
  );
}
