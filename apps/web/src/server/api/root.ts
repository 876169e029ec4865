import { agentsRouter } from "./routers/agents.router";
import { auditRouter } from "./routers/audit.router";
import { authMatrixRouter } from "./routers/auth-matrix.router";
import { authProfilesRouter } from "./routers/auth-profiles.router";
import { bulkEditsRouter } from "./routers/bulk-edits.router";
import { credentialsRouter } from "./routers/credentials.router";
import { exportsRouter } from "./routers/exports.router";
import { fleetRouter } from "./routers/fleet.router";
import { gatewaysRouter } from "./routers/gateways.router";
import { hostAgentsRouter } from "./routers/host-agents.router";
import { impactRouter } from "./routers/impact.router";
import { importsRouter } from "./routers/imports.router";
import { ingestTokensRouter } from "./routers/ingest-tokens.router";
import { invitationsRouter } from "./routers/invitations.router";
import { membersRouter } from "./routers/members.router";
import { reauthRouter } from "./routers/reauth.router";
import { searchRouter } from "./routers/search.router";
import { savedViewsRouter } from "./routers/saved-views.router";
import { sessionRouter } from "./routers/session.router";
import { snapshotsRouter } from "./routers/snapshots.router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  agents: agentsRouter,
  fleet: fleetRouter,
  gateways: gatewaysRouter,
  authProfiles: authProfilesRouter,
  credentials: credentialsRouter,
  authMatrix: authMatrixRouter,
  savedViews: savedViewsRouter,
  bulkEdits: bulkEditsRouter,
  audit: auditRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  ingestTokens: ingestTokensRouter,
  hostAgents: hostAgentsRouter,
  snapshots: snapshotsRouter,
  imports: importsRouter,
  exports: exportsRouter,
  reauth: reauthRouter,
  impact: impactRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
