-- The console side of the host-agent connector (issue 11): enrolled host agents and their one-time enrolment
-- tokens (both kept as sha256 only), the per-gateway job queue the agents poll, and what a host's Gateway last
-- reported about itself.

CREATE TABLE "HostAgent" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "credentialHash" TEXT NOT NULL,
    "credentialHint" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "openclawVersion" TEXT,
    "hostname" TEXT NOT NULL,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enrolledById" UUID,
    "lastSeenAt" TIMESTAMP(3),
    "rotatedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "HostAgent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "HostAgent_credentialHash_key" ON "HostAgent"("credentialHash");
CREATE UNIQUE INDEX "HostAgent_id_teamId_key" ON "HostAgent"("id", "teamId");
CREATE INDEX "HostAgent_gatewayId_revokedAt_idx" ON "HostAgent"("gatewayId", "revokedAt");
-- why: a gateway is driven by at most one agent at a time; enrolling a new one revokes the previous one first.
CREATE UNIQUE INDEX "HostAgent_gatewayId_active_key" ON "HostAgent"("gatewayId") WHERE "revokedAt" IS NULL;
ALTER TABLE "HostAgent" ADD CONSTRAINT "HostAgent_gatewayId_teamId_fkey" FOREIGN KEY ("gatewayId", "teamId") REFERENCES "Gateway"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "HostEnrolment" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostEnrolment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "HostEnrolment_tokenHash_key" ON "HostEnrolment"("tokenHash");
CREATE INDEX "HostEnrolment_expiresAt_idx" ON "HostEnrolment"("expiresAt");
ALTER TABLE "HostEnrolment" ADD CONSTRAINT "HostEnrolment_gatewayId_teamId_fkey" FOREIGN KEY ("gatewayId", "teamId") REFERENCES "Gateway"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TYPE "HostJobState" AS ENUM ('queued', 'sent', 'applied', 'failed', 'cancelled');

CREATE TABLE "HostJob" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "HostJobState" NOT NULL DEFAULT 'queued',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "hostAgentId" UUID,
    "result" JSONB,
    "error" JSONB,
    "originType" TEXT NOT NULL,
    "originId" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "HostJob_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "HostJob_seq_key" ON "HostJob"("seq");
-- The next deliverable job of a gateway is the lowest `seq` among its queued and sent jobs.
CREATE INDEX "HostJob_gatewayId_state_seq_idx" ON "HostJob"("gatewayId", "state", "seq");
CREATE INDEX "HostJob_teamId_originType_originId_createdAt_idx" ON "HostJob"("teamId", "originType", "originId", "createdAt");
CREATE INDEX "HostJob_hostAgentId_state_idx" ON "HostJob"("hostAgentId", "state");
ALTER TABLE "HostJob" ADD CONSTRAINT "HostJob_gatewayId_teamId_fkey" FOREIGN KEY ("gatewayId", "teamId") REFERENCES "Gateway"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HostJob" ADD CONSTRAINT "HostJob_hostAgentId_fkey" FOREIGN KEY ("hostAgentId") REFERENCES "HostAgent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "GatewayHostState" (
    "gatewayId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "configHash" TEXT NOT NULL,
    "config" JSON NOT NULL,
    "agents" JSONB NOT NULL,
    "authStatus" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayHostState_pkey" PRIMARY KEY ("gatewayId")
);
CREATE UNIQUE INDEX "GatewayHostState_gatewayId_teamId_key" ON "GatewayHostState"("gatewayId", "teamId");
ALTER TABLE "GatewayHostState" ADD CONSTRAINT "GatewayHostState_gatewayId_teamId_fkey" FOREIGN KEY ("gatewayId", "teamId") REFERENCES "Gateway"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;
