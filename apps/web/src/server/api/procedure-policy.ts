import type { Role } from "@clawfleet/core/access/role";
import { type ThrottlePolicy, fixedWindowPolicy } from "@clawfleet/core/throttling/throttle-policy";

/** The weakest caller a procedure admits: anyone, any signed-in user, or a team member of at least a role. */
export type PolicyRole = Role | "public" | "signed-in";

export type ProcedurePolicy = {
  role: PolicyRole;
  /** Changes state, so it must be a mutation (and write its audit row); reads must be queries. */
  write: boolean;
  /** Reads or writes the caller's team's rows, with the team taken from the session: ids of another team answer NOT_FOUND. */
  tenantScoped: boolean;
  /** Calls allowed per client address (findings 8, 17): every `public` procedure has one, as anyone can call it. */
  perAddress?: ThrottlePolicy;
};

/**
 * What one address may call of the anonymous procedures, all of them together: a person accepting an
 * invitation needs a handful; a flood of made-up tokens is refused before any lookup or hashing.
 */
export const ANONYMOUS_CALLS_PER_ADDRESS = fixedWindowPolicy(30, 60_000);

const read = (role: PolicyRole, tenantScoped = true): ProcedurePolicy => ({
  role,
  write: false,
  tenantScoped,
  ...(role === "public" ? { perAddress: ANONYMOUS_CALLS_PER_ADDRESS } : {}),
});
const write = (role: PolicyRole, tenantScoped = true): ProcedurePolicy => ({
  role,
  write: true,
  tenantScoped,
  ...(role === "public" ? { perAddress: ANONYMOUS_CALLS_PER_ADDRESS } : {}),
});

/**
 * The explicit access policy of every tRPC procedure (checklist B5.1). The RBAC matrix test walks the router
 * and fails for any procedure missing here, or whose base procedure, kind or tenant behaviour disagrees.
 * Add one line per new procedure, and its sample input in `testing/procedure-samples.ts`.
 */
export const PROCEDURE_POLICY: Record<string, ProcedurePolicy> = {
  "session.current": read("viewer"),
  "session.memberships": read("signed-in", false),

  "agents.list": read("viewer"),
  "agents.facets": read("viewer"),
  "agents.byId": read("viewer"),
  "agents.modelSettings": read("viewer"),
  "agents.update": write("operator"),
  "agents.updateModel": write("operator"),
  "agents.updateParams": write("operator"),
  "agents.setAuthOrder": write("operator"),
  "agents.create": write("admin"),
  "agents.delete": write("admin"),
  "agents.duplicate": write("admin"),
  "agents.deletionImpact": read("viewer"),

  "savedViews.list": read("viewer"),
  "savedViews.save": write("viewer"),
  "savedViews.remove": write("viewer"),

  "fleet.status": read("viewer"),
  "fleet.attentionAgents": read("viewer"),

  "gateways.list": read("viewer"),
  "gateways.byId": read("viewer"),
  "gateways.create": write("admin"),
  "gateways.update": write("admin"),
  "gateways.defaults": read("viewer"),
  "gateways.modelSettings": read("viewer"),
  "gateways.updateDefaults": write("operator"),

  "authProfiles.forAgent": read("viewer"),
  "authProfiles.createApiKey": write("admin"),
  "authProfiles.createSetupToken": write("admin"),
  "authProfiles.reach": read("viewer"),
  "authProfiles.relocate": write("admin"),
  "authProfiles.clearCooldown": write("operator"),
  "authProfiles.remove": write("admin"),

  "credentials.usage": read("viewer"),

  "search.console": read("viewer"),

  "authMatrix.list": read("viewer"),
  "authMatrix.matchingAgents": read("operator"),
  "authMatrix.reauthTargets": read("operator"),
  // A preview changes nothing, but 1,000 ids do not fit in a query URL (as imports.preview).
  "bulkEdits.preview": write("operator"),
  "bulkEdits.start": write("operator"),
  "bulkEdits.run": read("operator"),

  "reauth.request": write("operator"),
  "reauth.preview": read("viewer"),
  "reauth.list": read("viewer"),
  "reauth.byId": read("viewer"),
  "reauth.pendingForAgent": read("viewer"),
  "reauth.nearDeadline": read("viewer"),
  "reauth.cancel": write("operator"),
  "reauth.issueLink": write("operator"),
  "reauth.revokeLink": write("operator"),
  "reauth.openLink": read("signed-in", false),
  "reauth.submitCredential": write("signed-in", false),
  "reauth.confirmHostSignIn": write("signed-in", false),
  "reauth.webhook": read("admin"),
  "reauth.saveWebhook": write("admin"),
  "reauth.removeWebhook": write("admin"),

  "audit.list": read("admin"),
  "audit.page": read("admin"),
  "audit.facets": read("admin"),

  "members.list": read("viewer"),
  "members.updateRole": write("admin"),
  "members.remove": write("admin"),

  "invitations.list": read("admin"),
  "invitations.create": write("admin"),
  "invitations.revoke": write("admin"),
  "invitations.preview": read("public", false),
  "invitations.requestSignUpLink": write("public", false),
  "invitations.previewSignUp": read("public", false),
  "invitations.acceptAsNewUser": write("public", false),
  "invitations.accept": write("signed-in", false),

  "ingestTokens.forGateway": read("viewer"),
  "ingestTokens.rotate": write("admin"),
  "ingestTokens.revoke": write("admin"),

  "hostAgents.forGateway": read("viewer"),
  "hostAgents.createEnrolment": write("admin"),
  "hostAgents.rotate": write("admin"),
  "hostAgents.revoke": write("admin"),
  "hostAgents.jobs": read("viewer"),
  "hostAgents.retryJob": write("operator"),
  "hostAgents.cancelJob": write("operator"),
  "hostAgents.drift": read("viewer"),
  "hostAgents.acceptHostVersion": write("operator"),
  "hostAgents.pushConsoleVersion": write("operator"),

  "snapshots.latest": read("viewer"),
  "snapshots.history": read("viewer"),
  "snapshots.diff": read("viewer"),

  "imports.preview": write("admin"),
  "imports.commit": write("admin"),
  "imports.run": read("admin"),

  "exports.agentSnippet": read("admin"),
  "exports.gatewaySnippet": read("admin"),

  // Impact previews read only; they are for those who may save the change they preview.
  "impact.agentModel": read("operator"),
  "impact.agentParams": read("operator"),
  "impact.agentAuthOrder": read("operator"),
  "impact.gatewayDefaults": read("operator"),
  "impact.profileRemoval": read("operator"),
};
