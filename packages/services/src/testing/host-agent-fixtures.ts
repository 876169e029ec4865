/** A team with an admin, a gateway with a `main` agent, and a host agent enrolled through the real flow. */
import { createAgent, createGateway, createMember, createTeam } from "@clawfleet/db/testing/factories";
import type { Caller, ServiceDeps } from "../service-context";
import { type AuthenticatedHostAgent, authenticateHostAgent } from "../connector/host-agent-credentials";
import { createEnrolmentToken, redeemEnrolment } from "../connector/host-enrolment";

export const TEST_HOST_FACTS = { agentVersion: "0.1.0", openclawVersion: "2026.9.6", hostname: "gw-host-1" };

export async function connectorTeam(db: ServiceDeps["db"]) {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
  const admin = await createMember(db, { teamId: team.id, role: "admin" });
  const caller: Caller = {
    teamId: team.id,
    actor: { id: admin.id, label: admin.email },
    requestId: `test-${crypto.randomUUID()}`,
  };
  return { team, gateway, agent, admin, caller };
}

/** Enrols a host agent for the gateway (replacing any earlier one) and authenticates it. */
export async function enrolHostAgent(
  deps: ServiceDeps,
  { caller, gateway }: { caller: Caller; gateway: { id: string } },
): Promise<{ credential: string; hostAgent: AuthenticatedHostAgent }> {
  const { token } = await createEnrolmentToken(deps, caller, { gatewayId: gateway.id });
  const { credential } = await redeemEnrolment(
    deps,
    { requestId: "enrol" },
    { enrolmentToken: token, host: TEST_HOST_FACTS },
  );
  const hostAgent = await authenticateHostAgent(deps, credential);
  if (!hostAgent) throw new Error("a freshly enrolled agent authenticates");
  return { credential, hostAgent };
}

/** Rows as one text, to assert a secret appears in none of them (audit ids are bigints). */
export function rowsAsText(rows: unknown): string {
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
}
