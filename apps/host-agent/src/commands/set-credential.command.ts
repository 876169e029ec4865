// `clawfleet-agent set-credential`: installs a credential an admin rotated on the Gateways page. The new credential
// comes on stdin only (never argv, which every user can read in `ps`), and replaces the old one in agent.json; the
// rest of the enrolment stays.
import { AGENT_CREDENTIAL_PATTERN } from "@clawfleet/core/connector/host-channel";
import { readEnrolment, resolveAgentHome, writeEnrolment } from "../agent-home";
import type { AgentIo } from "../agent-io";
import { fail, parse } from "./command-options";

export async function setCredentialCommand(argv: readonly string[], io: AgentIo): Promise<number> {
  const parsed = parse(argv, {});
  if (!parsed.ok) return fail(io, parsed.message);
  const home = resolveAgentHome(io.env);
  const current = readEnrolment(home);
  if (!current.ok) return fail(io, current.message);
  const credential = ((await io.readStdin()) ?? "").trim();
  if (!credential)
    return fail(
      io,
      "set-credential reads the new credential from stdin: printf '%s' 'cfa_…' | clawfleet-agent set-credential",
    );
  if (!AGENT_CREDENTIAL_PATTERN.test(credential))
    return fail(
      io,
      "that is not a Clawfleet agent credential (it starts with cfa_); copy it again from the Gateways page",
    );
  const path = writeEnrolment(home, { ...current.enrolment, credential });
  io.stdout(
    `Credential replaced in ${path} for gateway "${current.enrolment.gateway.name}". Start the agent again: clawfleet-agent run\n`,
  );
  return 0;
}
