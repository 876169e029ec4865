/**
 * The database side of the "app killed mid-import" fault run (scripts/bench-faults.mjs), over DATABASE_URL
 * with CLAWFLEET_SECRET_KEY, as the web app and the CLI import. The state folder is generated the same way
 * in every process (no randomness), so a commit in a child process recomputes the previewed plan hash.
 *   tsx bench/faults/import-fault.ts preview <teamId> <agents>           → {importRunId, planHash, totalSteps, checksum}
 *   tsx bench/faults/import-fault.ts commit <teamId> <agents> <runId> <hash> → {ms}   (the process that gets killed)
 *   tsx bench/faults/import-fault.ts inspect <teamId> <runId>            → {checksum, status, doneSteps, agents, profiles}
 */
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";
import { createDbClient } from "@clawfleet/db/client";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { largeOpenClawStateFiles } from "@clawfleet/db/testing/large-openclaw-state";
import { tenantDataChecksum } from "@clawfleet/db/testing/tenant-checksum";
import { commitImport, previewImport } from "@clawfleet/services/imports/gateway-import";

const GATEWAY_NAME = "fault-import";
const actor = { id: null, label: "bench-faults" };

/** An OpenClaw state with `agents` agents, a shared API key and setup-token, and one own token per agent. */
function generatedStateFolder(agents: number): StateFile[] {
  return largeOpenClawStateFiles({ agents, ownStores: agents, label: "FAULT" });
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(databaseUrl, { maxConnections: 3 });
const deps = { db, secretBox: openSecretBox(process.env.CLAWFLEET_SECRET_KEY), now: () => new Date() };
const [command, teamId = "", ...rest] = process.argv.slice(2);
const caller = { teamId, actor, requestId: "bench-faults" };

try {
  if (command === "preview") {
    const files = generatedStateFolder(Number(rest[0]));
    const checksum = await tenantDataChecksum(db, teamId);
    const preview = await previewImport(deps, caller, {
      target: {
        kind: "new",
        name: GATEWAY_NAME,
        homeDir: "/home/openclaw",
        stateDir: "/home/openclaw/.openclaw",
        openclawVersion: "2026.9.6",
      },
      files,
    });
    if (!preview.ok) throw new Error(`preview refused: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    console.log(
      JSON.stringify({
        importRunId: preview.importRunId,
        planHash: preview.planHash,
        totalSteps: preview.plan.totalSteps,
        checksum,
      }),
    );
  } else if (command === "commit") {
    const [agents, importRunId = "", planHash = ""] = rest;
    const files = generatedStateFolder(Number(agents));
    const started = performance.now();
    await commitImport(deps, caller, { importRunId, planHash, files });
    console.log(JSON.stringify({ ms: Math.round(performance.now() - started) }));
  } else if (command === "inspect") {
    const run = await db.importRun.findFirst({
      where: { id: rest[0], teamId },
      select: { status: true, doneSteps: true, totalSteps: true },
    });
    const gateway = await db.gateway.findFirst({
      where: { teamId, name: GATEWAY_NAME },
      select: { id: true },
    });
    const where = { teamId, gatewayId: gateway?.id ?? "00000000-0000-0000-0000-000000000000" };
    console.log(
      JSON.stringify({
        checksum: await tenantDataChecksum(db, teamId),
        run,
        gateway: gateway !== null,
        agents: await db.agent.count({ where }),
        profiles: await db.authProfile.count({ where: { teamId } }),
        importAudits: await db.auditEvent.count({ where: { teamId, action: "gateway.import" } }),
      }),
    );
  } else {
    throw new Error(`unknown command ${command ?? "(none)"}: preview | commit | inspect`);
  }
} finally {
  await db.$disconnect();
}
