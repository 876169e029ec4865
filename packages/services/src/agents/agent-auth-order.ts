/** An agent's stored auth order per provider (facts §2.4): set or cleared in the console, then on its host. */
import { type StoredOrderEdit, storedOrderProblem } from "@clawfleet/core/auth-order/stored-order-edit";
import { DomainError } from "@clawfleet/core/domain-error";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { updateAgent } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { listProfilesVisibleToAgent, writeAgentStoredOrder } from "@clawfleet/db/auth-profile.repository";
import { inTransaction } from "@clawfleet/db/client";
import { queueAgentAuthOrder } from "../connector/host-changes";
import type { Caller, ServiceDeps } from "../service-context";
import { refreshAgentStatuses } from "../statuses/stored-statuses";

/**
 * Sets (or clears) the order in which the agent tries a provider's profiles, at the agent version the operator
 * saw. The list must name every profile of that provider the agent can use, as OpenClaw requires; the agent's
 * status is recomputed and a `models.authOrderSet` job queued for its host.
 */
export function setAgentAuthOrder(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: StoredOrderEdit & { agentId: string; expectedVersion: number },
): Promise<AgentDetail> {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    // why: an order names ids; an agent's own profile and the shared one it shadows share one id.
    const available = [
      ...new Set(
        (await listProfilesVisibleToAgent(tx, { teamId, agentId: input.agentId }))
          .filter((profile) => profile.provider === input.provider)
          .map((profile) => profile.profileId),
      ),
    ];
    // why: the version check comes first, so a stale editor hears CONFLICT rather than a list problem.
    const { before, after } = await updateAgent(tx, {
      teamId,
      agentId: input.agentId,
      expectedVersion: input.expectedVersion,
      changes: {},
    });
    const problem = storedOrderProblem(input, available);
    if (problem) throw new DomainError("INVALID_INPUT", problem, "profileIds");
    await writeAgentStoredOrder(tx, {
      teamId,
      gatewayId: after.gatewayId,
      agentId: after.id,
      provider: input.provider,
      profileIds: input.profileIds,
    });
    await recordAuditEvent(tx, {
      ...caller,
      action: "agent.set_auth_order",
      target: { type: "agent", id: after.id },
      before: { version: before.version },
      after: { provider: input.provider, order: input.profileIds, version: after.version },
    });
    await refreshAgentStatuses(tx, {
      teamId,
      gatewayId: after.gatewayId,
      agentIds: [after.id],
      now: now().getTime(),
    });
    await queueAgentAuthOrder(
      { tx, caller, now: now() },
      { agent: after, provider: input.provider, profileIds: input.profileIds },
    );
    return after;
  });
}
