/**
 * Re-auth requests for use-case tests: a team with an operator and a gateway with one agent, and a fresh
 * shared-store profile (which that agent reaches) per request.
 */
import type { ReauthMethod } from "@clawfleet/core/reauth/reauth-request";
import {
  createAgent,
  createGateway,
  createMember,
  createProfile,
  createTeam,
} from "@clawfleet/db/testing/factories";
import { requestReauth } from "../reauth/reauth-workflow";
import type { Caller, ServiceDeps } from "../service-context";
import { testSecretBox } from "./service-test-deps";

let sequence = 0;

/** A fake setup-token that passes OpenClaw's checks (prefix, length). */
export const FAKE_SETUP_TOKEN = `sk-ant-oat01-FIXTURE${"f".repeat(80)}`;

export async function reauthTeam(db: ServiceDeps["db"]) {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
  const operator = await createMember(db, { teamId: team.id, role: "operator" });
  const caller: Caller = {
    teamId: team.id,
    actor: { id: operator.id, label: operator.email },
    requestId: `test-${crypto.randomUUID()}`,
  };
  return { team, gateway, agent, operator, caller };
}

export type ReauthTeam = Awaited<ReturnType<typeof reauthTeam>>;

/**
 * A fresh profile of the team (OAuth for `oauth`, a setup-token otherwise) and a request for it made at the
 * deps' clock, with its link: `link_issued`, version 2.
 */
export async function requestForFreshProfile(
  deps: ServiceDeps,
  { team, gateway, caller }: ReauthTeam,
  { method = "setup_token", deadline }: { method?: ReauthMethod; deadline?: Date } = {},
) {
  sequence += 1;
  const profile = await createProfile(deps.db, testSecretBox, {
    teamId: team.id,
    gatewayId: gateway.id,
    type: method === "oauth" ? "oauth" : "token",
    profileId: `anthropic:fixture-${sequence}`,
    secrets:
      method === "oauth"
        ? { access: `${FAKE_SETUP_TOKEN}a`, refresh: `${FAKE_SETUP_TOKEN}r` }
        : { token: `${FAKE_SETUP_TOKEN}${sequence}` },
  });
  const created = await requestReauth(deps, caller, {
    target: { authProfileIds: [profile.id] },
    method,
    deadline,
  });
  return { ...created, authProfileId: profile.id };
}
