"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { type ImportUpload, MAX_UPLOAD_BYTES, readUpload } from "./read-upload";

type Issue = { file: string; path: string; message: string; line?: number; column?: number };

function where(issue: Issue): string {
  const position =
    issue.line !== undefined ? `:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ""}` : "";
  return `${issue.file}${position}${issue.path ? ` (${issue.path})` : ""}`;
}

function IssueList({ issues, tone }: { issues: Issue[]; tone: "error" | "warning" }) {
  return (
    <Notice tone={tone} role={tone === "error" ? "alert" : "status"}>
      {tone === "error" ? "Nothing was imported. Fix these files and try again:" : "Review before importing:"}
      <ul className="mt-1 list-disc pl-5">
        {issues.map((issue, index) => (
          <li key={index}>
            <span className="font-mono text-xs">{where(issue)}</span>: {issue.message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** `webkitdirectory` turns a file input into a folder picker; React's types do not list it. */
const FOLDER_PICKER: Record<string, string> = { webkitdirectory: "" };

const inputClass =
  "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 dark:border-zinc-700";

/** Upload → dry-run preview → confirm → one transaction with a progress bar (issue 4's import flow). */
export function ImportWizard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("admin");
  const gateways = useQuery(trpc.gateways.list.queryOptions());
  const [targetKind, setTargetKind] = useState<"existing" | "new">("new");
  const [gatewayId, setGatewayId] = useState("");
  const [newGateway, setNewGateway] = useState({
    name: "",
    homeDir: "/home/openclaw",
    openclawVersion: "2026.9.6",
  });
  const [upload, setUpload] = useState<{ upload: ImportUpload; label: string } | null>(null);
  const [readProblem, setReadProblem] = useState<string | null>(null);

  const preview = useMutation(trpc.imports.preview.mutationOptions());
  const commit = useMutation(
    trpc.imports.commit.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
      },
    }),
  );
  const importRunId = preview.data?.importRunId ?? null;
  const progress = useQuery({
    ...trpc.imports.progress.queryOptions({
      importRunId: importRunId ?? "00000000-0000-0000-0000-000000000000",
    }),
    enabled: importRunId !== null && commit.isPending,
    refetchInterval: 400,
  });

  const target =
    targetKind === "existing"
      ? { gatewayId }
      : {
          newGateway: {
            name: newGateway.name.trim(),
            homeDir: newGateway.homeDir.trim(),
            openclawVersion: newGateway.openclawVersion.trim(),
          },
        };

  async function pickFiles(list: FileList | null) {
    preview.reset();
    commit.reset();
    const files = Array.from(list ?? []);
    const read = await readUpload(files);
    if (!read.ok) {
      setUpload(null);
      setReadProblem(read.message);
      return;
    }
    setReadProblem(null);
    setUpload({
      upload: read.upload,
      label: `${files.length} file${files.length === 1 ? "" : "s"}, ${(read.bytes / 1024).toFixed(1)} KiB`,
    });
  }

  if (blocked) {
    return (
      <section className="max-w-3xl space-y-3">
        <h1 className="text-xl font-semibold">Import an OpenClaw install</h1>
        <Notice tone="info">Importing replaces a gateway&apos;s agents and credentials. {blocked}</Notice>
      </section>
    );
  }

  const previewed = preview.data?.errors.length === 0 ? preview.data : null;
  const done = commit.data;
  const percent =
    progress.data && progress.data.totalSteps > 0
      ? Math.round((progress.data.doneSteps / progress.data.totalSteps) * 100)
      : 0;

  return (
    <section aria-labelledby="import-heading" className="max-w-4xl space-y-5">
      <div>
        <h1 id="import-heading" className="text-xl font-semibold">
          Import an OpenClaw install
        </h1>
        <p className="text-zinc-500 dark:text-zinc-400">
          Upload a state folder (<span className="font-mono">~/.openclaw</span> with{" "}
          <span className="font-mono">openclaw.json</span> and the agents&apos;{" "}
          <span className="font-mono">auth-profiles.json</span>/
          <span className="font-mono">auth-state.json</span>) or a <span className="font-mono">.tar.gz</span>/
          <span className="font-mono">.zip</span> of it. You see every change before anything is written;
          secrets are encrypted on the way in and never shown back.
        </p>
      </div>

      <fieldset
        className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        disabled={commit.isPending}
      >
        <legend className="px-1 font-medium">1. Into which gateway?</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="target"
            checked={targetKind === "new"}
            onChange={() => setTargetKind("new")}
          />{" "}
          A new gateway
        </label>
        {targetKind === "new" ? (
          <div className="grid grid-cols-3 gap-3 pl-6">
            <label>
              <span className="text-xs font-medium">Gateway name</span>
              <input
                value={newGateway.name}
                onChange={(event) => setNewGateway({ ...newGateway, name: event.target.value })}
                className={inputClass}
              />
            </label>
            <label>
              <span className="text-xs font-medium">Home folder on the host</span>
              <input
                value={newGateway.homeDir}
                onChange={(event) => setNewGateway({ ...newGateway, homeDir: event.target.value })}
                className={inputClass}
              />
            </label>
            <label>
              <span className="text-xs font-medium">OpenClaw version</span>
              <input
                value={newGateway.openclawVersion}
                onChange={(event) => setNewGateway({ ...newGateway, openclawVersion: event.target.value })}
                className={inputClass}
              />
            </label>
          </div>
        ) : null}
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="target"
            checked={targetKind === "existing"}
            onChange={() => setTargetKind("existing")}
          />{" "}
          Replace an existing gateway&apos;s state
        </label>
        {targetKind === "existing" ? (
          <label className="block pl-6">
            <span className="sr-only">Existing gateway</span>
            <select
              value={gatewayId}
              onChange={(event) => setGatewayId(event.target.value)}
              className={inputClass}
            >
              <option value="">Choose a gateway…</option>
              {gateways.data?.map((gateway) => (
                <option key={gateway.id} value={gateway.id}>
                  {gateway.name} ({gateway.agentCount} agents)
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </fieldset>

      <fieldset
        className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        disabled={commit.isPending}
      >
        <legend className="px-1 font-medium">2. What to import</legend>
        <div className="flex flex-wrap gap-6">
          <label>
            <span className="block text-xs font-medium">A state folder</span>

            <input
              type="file"
              {...FOLDER_PICKER}
              multiple
              aria-label="State folder"
              onChange={(event) => void pickFiles(event.target.files)}
            />
          </label>
          <label>
            <span className="block text-xs font-medium">Or an archive (.tar.gz, .tgz, .zip)</span>
            <input
              type="file"
              accept=".tar.gz,.tgz,.zip,application/gzip,application/zip"
              aria-label="Archive"
              onChange={(event) => void pickFiles(event.target.files)}
            />
          </label>
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          At most {MAX_UPLOAD_BYTES / 1048576} MiB per import and 1 MiB per file.
        </p>
        {upload ? <p>Ready: {upload.label}.</p> : null}
        {readProblem ? <Notice tone="error">{readProblem}</Notice> : null}
      </fieldset>

      <div className="flex items-center gap-3">
        <Button
          type="button"
          disabled={!upload || preview.isPending || commit.isPending}
          title={!upload ? "Choose files first" : undefined}
          onClick={() => upload && preview.mutate({ target, upload: upload.upload })}
        >
          {preview.isPending ? "Checking…" : "3. Preview changes"}
        </Button>
        {!upload ? (
          <span className="text-zinc-500 dark:text-zinc-400">Choose a folder or an archive to preview.</span>
        ) : null}
      </div>

      {preview.error ? <Notice tone="error">{preview.error.message}</Notice> : null}
      {preview.data && preview.data.errors.length > 0 ? (
        <IssueList issues={preview.data.errors} tone="error" />
      ) : null}

      {previewed?.summary ? (
        <section
          aria-labelledby="preview-heading"
          className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        >
          <h2 id="preview-heading" className="font-semibold">
            Preview
          </h2>
          <dl className="grid grid-cols-3 gap-3">
            {(["agents", "profiles"] as const).map((entity) => (
              <div key={entity}>
                <dt className="font-medium capitalize">{entity}</dt>
                <dd data-testid={`summary-${entity}`}>
                  {previewed.summary[entity].create} to create, {previewed.summary[entity].update} to change,{" "}
                  {previewed.summary[entity].remove} to remove, {previewed.summary[entity].unchanged}{" "}
                  unchanged
                </dd>
              </div>
            ))}
            <div>
              <dt className="font-medium">Params</dt>
              <dd>
                {previewed.summary.params.create} to set, {previewed.summary.params.update} to change,{" "}
                {previewed.summary.params.remove} to remove
              </dd>
            </div>
          </dl>
          {previewed.warnings.length > 0 ? <IssueList issues={previewed.warnings} tone="warning" /> : null}
          <details>
            <summary className="cursor-pointer">
              Every change ({previewed.totalChanges}
              {previewed.totalChanges > previewed.changes.length
                ? `, first ${previewed.changes.length} listed`
                : ""}
              )
            </summary>
            <ul className="mt-2 max-h-80 overflow-auto font-mono text-xs">
              {previewed.changes.map((change, index) => (
                <li key={index}>
                  {change.kind} {change.entity} {change.id}
                  {change.fields && change.fields.length > 0 ? ` (${change.fields.join(", ")})` : ""}
                </li>
              ))}
            </ul>
          </details>
          {done ? null : (
            <Button
              type="button"
              disabled={commit.isPending || !upload}
              onClick={() =>
                upload &&
                previewed.importRunId &&
                previewed.planHash &&
                commit.mutate({
                  importRunId: previewed.importRunId,
                  planHash: previewed.planHash,
                  upload: upload.upload,
                })
              }
            >
              {commit.isPending ? "Importing…" : "4. Import now"}
            </Button>
          )}
        </section>
      ) : null}

      {commit.isPending ? (
        <div className="space-y-1" aria-live="polite">
          <progress className="w-full" max={100} value={percent} aria-label="Import progress" />
          <p className="text-zinc-500 dark:text-zinc-400">
            {progress.data?.totalSteps
              ? `${progress.data.doneSteps} of ${progress.data.totalSteps} steps`
              : "Starting…"}
          </p>
        </div>
      ) : null}
      {commit.error ? <Notice tone="error">{commit.error.message}</Notice> : null}
      {done ? (
        <Notice tone="success">
          Imported: {done.summary.agents.create} agents created, {done.summary.agents.update} changed,{" "}
          {done.summary.profiles.create} profiles created.{" "}
          <Link className="underline" href={`/agents?gateway=${done.gatewayId}`}>
            See the gateway&apos;s agents
          </Link>
        </Notice>
      ) : null}
    </section>
  );
}
