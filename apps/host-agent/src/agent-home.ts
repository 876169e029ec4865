// The agent's own folder (`$CLAWFLEET_AGENT_HOME`, default `~/.clawfleet-agent/`): `agent.json` holds the
// enrolment (console URL, agent credential, ids) and `journal.jsonl` the job journal. The folder is 0700 and the
// file 0600, because the credential lets anyone who reads it fetch this gateway's jobs, secrets included.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AGENT_CREDENTIAL_PATTERN } from "@clawfleet/core/connector/host-channel";
import { z } from "zod";
import { envValue, type Env } from "./env-value";

export const ENROLMENT_FILE = "agent.json";
export const JOURNAL_FILE = "journal.jsonl";

export const enrolmentSchema = z.object({
  consoleUrl: z.url(),
  credential: z.string().regex(AGENT_CREDENTIAL_PATTERN),
  hostAgentId: z.uuid(),
  gateway: z.object({ id: z.uuid(), name: z.string() }),
  reportIntervalMs: z.number().int().positive().optional(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export function resolveAgentHome(env: Env): string {
  return (
    envValue(env, "CLAWFLEET_AGENT_HOME") ?? join(envValue(env, "HOME") ?? homedir(), ".clawfleet-agent")
  );
}

/** Writes `agent.json` atomically (temp file, then rename), the folder 0700 and the file 0600. */
export function writeEnrolment(agentHome: string, enrolment: Enrolment): string {
  mkdirSync(agentHome, { recursive: true, mode: 0o700 });
  chmodSync(agentHome, 0o700);
  const path = join(agentHome, ENROLMENT_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(enrolment, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

export type ReadEnrolmentResult = { ok: true; enrolment: Enrolment } | { ok: false; message: string };

export function readEnrolment(agentHome: string): ReadEnrolmentResult {
  const path = join(agentHome, ENROLMENT_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {
      ok: false,
      message: `not enrolled: ${path} does not exist; run \`clawfleet-agent enrol\` first`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${path} is not valid JSON; enrol again` };
  }
  const parsed = enrolmentSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
    return { ok: false, message: `${path} is not a valid enrolment (fields: ${fields}); enrol again` };
  }
  return { ok: true, enrolment: parsed.data };
}
