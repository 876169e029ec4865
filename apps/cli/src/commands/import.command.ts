import { type DocumentIssue, formatDocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import { DomainError } from "@clawfleet/core/domain-error";
import { gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import type { ConfigRewriteOffer } from "@clawfleet/core/openclaw-import/config-rewrite";
import type { ImportChange, ImportPlan } from "@clawfleet/core/openclaw-import/import-plan";
import { joinPath } from "@clawfleet/core/models-status/state-paths";
import { findGatewayNamed } from "@clawfleet/services/gateways/gateway-edits";
import {
  type ImportTarget,
  commitImport,
  planImport,
  previewImport,
} from "@clawfleet/services/imports/gateway-import";

import { parseArgv } from "../argv-parser";
import type { CliIo } from "../cli-io";
import { IMPORT_USAGE } from "../command-usage";
import { openConsoleDatabase } from "../console-database";
import { readFolderFiles } from "../openclaw-folder";

/** Exit codes: 0 imported (or dry run shown), 1 bad usage or environment, 2 the files were refused, 3 conflict. */
const EXIT = { ok: 0, usage: 1, refused: 2, conflict: 3 } as const;
const LISTED_CHANGES = 50;

function describeChange(change: ImportChange): string {
  const sign = { create: "+", update: "~", remove: "-" }[change.kind];
  const fields = change.fields && change.fields.length > 0 ? ` (${change.fields.join(", ")})` : "";
  return `  ${sign} ${change.entity} ${change.id}${fields}`;
}

function describePlan(plan: ImportPlan, warnings: readonly DocumentIssue[]): string {
  const { agents, profiles, params } = plan.summary;
  const lines = [
    `Agents:   ${agents.create} to create, ${agents.update} to change, ${agents.remove} to remove, ${agents.unchanged} unchanged`,
    `Profiles: ${profiles.create} to create, ${profiles.update} to change, ${profiles.remove} to remove, ${profiles.unchanged} unchanged`,
    `Params:   ${params.create} to create, ${params.update} to change, ${params.remove} to remove`,
  ];
  if (plan.changes.length > 0) {
    lines.push("Changes:", ...plan.changes.slice(0, LISTED_CHANGES).map(describeChange));
    if (plan.changes.length > LISTED_CHANGES)
      lines.push(`  … and ${plan.changes.length - LISTED_CHANGES} more`);
  }
  if (warnings.length > 0)
    lines.push("Warnings:", ...warnings.map((warning) => `  ! ${formatDocumentIssue(warning)}`));
  return `${lines.join("\n")}\n`;
}

/** The rewrite a refusal offers, and how to accept it (names only: a moved variable's value is never shown). */
function describeRewriteOffer(offer: ConfigRewriteOffer): string {
  return [
    `Offered: ${offer.explanation}`,
    `Run the same command with --accept-env-vars-rewrite to import with this rewrite (your openclaw.json is not changed).`,
    "",
  ].join("\n");
}

/**
 * `clawfleet import --gateway <name> <folder>`: imports an OpenClaw state folder (fixture layout or JSON-era
 * state dir) into a gateway of the console database, creating the gateway if it does not exist. Prints the
 * preview, then applies it in one transaction unless `--dry-run`.
 */
export async function runImportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv(argv, {
    booleans: ["dry-run", "accept-env-vars-rewrite"],
    strings: ["gateway", "team", "home", "state-dir", "openclaw-version"],
  });
  const usage = (message: string) => {
    io.stderr(`clawfleet import: ${message}\n${IMPORT_USAGE}\n`);
    return EXIT.usage;
  };
  if (!parsed.ok) return usage(parsed.message);
  const { strings, booleans, positionals } = parsed.value;
  const gatewayName = strings.get("gateway");
  if (gatewayName === undefined) return usage("--gateway <name> is required");
  const [folder, ...extra] = positionals;
  if (folder === undefined) return usage("the state folder to import is required");
  if (extra.length > 0) return usage(`unexpected argument ${extra[0] ?? ""}`);

  const files = await readFolderFiles(folder);
  if (!files.ok) {
    io.stderr(`clawfleet import: ${files.message}\n`);
    return EXIT.refused;
  }
  const opened = await openConsoleDatabase(io, strings.get("team"), { needsKey: true });
  if (!opened.ok) {
    io.stderr(`clawfleet import: ${opened.message}\n`);
    return EXIT.usage;
  }
  const { db, box, team } = opened.value;
  if (!box) return EXIT.usage;
  const deps = { db, secretBox: box, now: () => new Date(io.now()) };
  try {
    const existingId = await findGatewayNamed(deps, { teamId: team.id }, { name: gatewayName });
    let target: ImportTarget;
    if (existingId !== null) {
      target = { kind: "existing", gatewayId: existingId };
    } else {
      const home = strings.get("home") ?? io.env.HOME ?? "";
      const edit = gatewayEditSchema.safeParse({
        name: gatewayName,
        homeDir: home,
        stateDir: strings.get("state-dir") ?? joinPath(home, ".openclaw"),
        openclawVersion: strings.get("openclaw-version") ?? "2026.9.6",
      });
      if (!edit.success) return usage(edit.error.issues.map((issue) => issue.message).join(" "));
      target = { kind: "new", ...edit.data };
      io.stdout(
        `Gateway "${gatewayName}" does not exist in team ${team.slug}; it will be created (home ${edit.data.homeDir}, state dir ${edit.data.stateDir}).\n`,
      );
    }
    const caller = {
      teamId: team.id,
      actor: { id: null, label: `cli:${io.env.USER ?? "unknown"}` },
      requestId: `cli-${crypto.randomUUID()}`,
    };
    const dryRun = booleans.has("dry-run");
    const input = {
      target,
      files: files.files,
      acceptConfigRewrite: booleans.has("accept-env-vars-rewrite"),
    };
    const preview = dryRun ? await planImport(deps, caller, input) : await previewImport(deps, caller, input);
    if (!preview.ok) {
      io.stderr(
        `Refused; nothing was changed:\n${preview.errors.map((issue) => `  ${formatDocumentIssue(issue)}`).join("\n")}\n`,
      );
      if (preview.configRewrite) io.stderr(describeRewriteOffer(preview.configRewrite));
      return EXIT.refused;
    }
    io.stdout(describePlan(preview.plan, preview.warnings));
    if (dryRun || !("importRunId" in preview)) {
      io.stdout("Dry run: nothing was changed.\n");
      return EXIT.ok;
    }
    const result = await commitImport(deps, caller, {
      importRunId: preview.importRunId,
      planHash: preview.planHash,
      files: files.files,
    });
    io.stdout(`Imported into gateway "${gatewayName}" (${result.gatewayId}).\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof DomainError) {
      io.stderr(`clawfleet import: ${error.message}\n`);
      return error.code === "CONFLICT" ? EXIT.conflict : EXIT.refused;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}
