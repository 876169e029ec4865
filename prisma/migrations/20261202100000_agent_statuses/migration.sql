-- Stored statuses (issue 10): each agent's computed `models status`, its attention causes and its time-bound
-- credential facts, kept current by the worker, so list pages read rows with SQL instead of recomputing the
-- fleet per request.
-- CreateTable
CREATE TABLE "AgentStatus" (
    "agentId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "validUntil" TIMESTAMPTZ(3),
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "verdict" TEXT NOT NULL,
    "outcome" JSON NOT NULL,
    "contentHash" TEXT NOT NULL,
    "providers" TEXT[],
    "expiresAt" TIMESTAMPTZ(3),
    "cooldownUntil" TIMESTAMPTZ(3),
    "disabledUntil" TIMESTAMPTZ(3),
    "reportedVerdict" TEXT,
    "reportedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgentStatus_pkey" PRIMARY KEY ("agentId")
);

-- CreateTable
CREATE TABLE "AgentStatusCause" (
    "agentId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "causeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "instant" TIMESTAMPTZ(3),

    CONSTRAINT "AgentStatusCause_pkey" PRIMARY KEY ("agentId","causeKey")
);

-- CreateTable
CREATE TABLE "AgentStatusFact" (
    "agentId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "provider" TEXT,
    "credentialType" TEXT,
    "reason" TEXT,
    "recoveryHint" TEXT,
    "instant" TIMESTAMPTZ(3),

    CONSTRAINT "AgentStatusFact_pkey" PRIMARY KEY ("agentId","kind","subject")
);

-- CreateIndex
CREATE INDEX "AgentStatus_teamId_verdict_idx" ON "AgentStatus"("teamId", "verdict");

-- CreateIndex
CREATE INDEX "AgentStatus_teamId_validUntil_idx" ON "AgentStatus"("teamId", "validUntil");

-- CreateIndex
CREATE INDEX "AgentStatus_gatewayId_idx" ON "AgentStatus"("gatewayId");

-- CreateIndex
CREATE UNIQUE INDEX "AgentStatus_agentId_teamId_key" ON "AgentStatus"("agentId", "teamId");

-- CreateIndex
CREATE INDEX "AgentStatusCause_teamId_gatewayId_causeKey_idx" ON "AgentStatusCause"("teamId", "gatewayId", "causeKey");

-- CreateIndex
CREATE INDEX "AgentStatusFact_teamId_kind_instant_idx" ON "AgentStatusFact"("teamId", "kind", "instant");

-- AddForeignKey
ALTER TABLE "AgentStatus" ADD CONSTRAINT "AgentStatus_agentId_teamId_fkey" FOREIGN KEY ("agentId", "teamId") REFERENCES "Agent"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentStatusCause" ADD CONSTRAINT "AgentStatusCause_agentId_teamId_fkey" FOREIGN KEY ("agentId", "teamId") REFERENCES "Agent"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentStatusFact" ADD CONSTRAINT "AgentStatusFact_agentId_teamId_fkey" FOREIGN KEY ("agentId", "teamId") REFERENCES "Agent"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;


ALTER TABLE "AgentStatus" ADD CONSTRAINT "AgentStatus_verdict_check"
  CHECK ("verdict" IN ('ok', 'expiring', 'failing', 'refused'));
