"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { ImportRunPanel } from "./import-run-panel";
import { type ImportUpload, UPLOAD_LIMITS_TEXT, readUpload } from "./read-upload";

/** `webkitdirectory` turns a file input into a folder picker; React's types do not list it. */
const FOLDER_PICKER: Record<string, string> = { webkitdirectory: "" };

/** The new gateway's fields as the server checks them (its state dir is derived from the home folder). */
const newGatewayFieldsSchema = gatewayEditSchema.omit({ stateDir: true });
type NewGatewayField = "name" | "homeDir" | "openclawVersion";

/** Each field's first problem, in the schema's own words, so the message sits under the field it names. */
function newGatewayProblems(
  fields: Record<NewGatewayField, string>,
): Partial<Record<NewGatewayField, string>> {
  const parsed = newGatewayFieldsSchema.safeParse(fields);
  if (parsed.success) return {};
  const problems: Partial<Record<NewGatewayField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === "name" || field === "homeDir" || field === "openclawVersion") && !problems[field])
      problems[field] = issue.message;
  }
  return problems;
}

/** Plain names for the fields the server may refuse, as its error paths spell them. */
const FIELD_LABELS: Record<string, string> = {
  "target.newGateway.name": "Gateway name",
  "target.newGateway.homeDir": "Home folder on the host",
  "target.newGateway.openclawVersion": "OpenClaw version",
  "target.gatewayId": "Existing gateway",
  target: "Gateway",
};

const inputClass =
  "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 dark:border-zinc-700";

/**
 * Upload → dry-run preview → confirm → one transaction, each step a worker job the page follows. The run's id
 * goes into the URL (`?run=`), so a reload, or another tab, keeps following the same import.
 */
export function ImportWizard() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const runId = useSearchParams().get("run");
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
  const [showFieldProblems, setShowFieldProblems] = useState(false);

  const preview = useMutation(
    trpc.imports.preview.mutationOptions({
      onSuccess: ({ importRunId }) => router.replace(`${pathname}?run=${importRunId}`),
    }),
  );

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

  const fieldProblems = targetKind === "new" ? newGatewayProblems(newGateway) : {};
  const gatewayMissing = targetKind === "existing" && gatewayId === "";

  function startPreview() {
    if (!upload) return;
    if (Object.keys(fieldProblems).length > 0 || gatewayMissing) {
      setShowFieldProblems(true);
      return;
    }
    preview.mutate({ target, upload: upload.upload });
  }

  /** Previews the same files again with the offered config rewrite applied (the admin accepted it). */
  function acceptConfigRewrite() {
    if (!upload) return;
    preview.mutate({ target, upload: upload.upload, acceptConfigRewrite: true });
  }

  /** The field's problem once the admin has tried to preview, tied to the input by aria-describedby. */
  function problemOf(field: NewGatewayField) {
    const problem = showFieldProblems ? fieldProblems[field] : undefined;
    return {
      inputProps: {
        "aria-invalid": problem ? true : undefined,
        "aria-describedby": problem ? `new-gateway-${field}-problem` : undefined,
      },
      text: problem ? (
        <span
          id={`new-gateway-${field}-problem`}
          className="mt-1 block text-xs text-red-700 dark:text-red-400"
        >
          {problem}
        </span>
      ) : null,
    };
  }

  async function pickFiles(list: FileList | null) {
    preview.reset();
    const read = await readUpload(Array.from(list ?? []));
    if (!read.ok) {
      setUpload(null);
      setReadProblem(read.message);
      return;
    }
    setReadProblem(null);
    setUpload({
      upload: read.upload,
      label: `${read.fileCount} file${read.fileCount === 1 ? "" : "s"}, ${(read.bytes / 1024).toFixed(1)} KiB`,
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
          secrets are encrypted on the way in and never shown back. Large imports run in the background: you
          can leave this page and come back to it.
        </p>
      </div>

      <fieldset className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
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
          <div className="grid gap-3 pl-6 sm:grid-cols-3">
            <label>
              <span className="text-xs font-medium">Gateway name</span>
              <input
                value={newGateway.name}
                onChange={(event) => setNewGateway({ ...newGateway, name: event.target.value })}
                className={inputClass}
                {...problemOf("name").inputProps}
              />
              {problemOf("name").text}
            </label>
            <label>
              <span className="text-xs font-medium">Home folder on the host</span>
              <input
                value={newGateway.homeDir}
                onChange={(event) => setNewGateway({ ...newGateway, homeDir: event.target.value })}
                className={inputClass}
                {...problemOf("homeDir").inputProps}
              />
              {problemOf("homeDir").text}
            </label>
            <label>
              <span className="text-xs font-medium">OpenClaw version</span>
              <input
                value={newGateway.openclawVersion}
                onChange={(event) => setNewGateway({ ...newGateway, openclawVersion: event.target.value })}
                className={inputClass}
                {...problemOf("openclawVersion").inputProps}
              />
              {problemOf("openclawVersion").text}
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
            {showFieldProblems && gatewayMissing ? (
              <span className="mt-1 block text-xs text-red-700 dark:text-red-400">
                Choose the gateway whose state this import replaces.
              </span>
            ) : null}
          </label>
        ) : null}
      </fieldset>

      <fieldset className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
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
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{UPLOAD_LIMITS_TEXT}</p>
        {upload ? <p>Ready: {upload.label}.</p> : null}
        {readProblem ? <Notice tone="error">{readProblem}</Notice> : null}
      </fieldset>

      <div className="flex items-center gap-3">
        <Button
          type="button"
          disabled={!upload || preview.isPending}
          title={!upload ? "Choose files first" : undefined}
          onClick={startPreview}
        >
          {preview.isPending ? "Uploading…" : "3. Preview changes"}
        </Button>
        {!upload ? (
          <span className="text-zinc-500 dark:text-zinc-400">Choose a folder or an archive to preview.</span>
        ) : null}
      </div>

      {preview.error ? (
        <Notice tone="error">
          {preview.error.message}
          {preview.error.data?.fieldErrors?.map((fieldError) => (
            <span key={fieldError.path} className="block">
              {FIELD_LABELS[fieldError.path] ?? fieldError.path}: {fieldError.message}
            </span>
          ))}
        </Notice>
      ) : null}
      {runId ? (
        <ImportRunPanel
          key={runId}
          importRunId={runId}
          onAcceptConfigRewrite={upload ? acceptConfigRewrite : undefined}
        />
      ) : null}
    </section>
  );
}
