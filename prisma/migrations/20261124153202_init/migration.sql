-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'operator', 'admin');

-- CreateEnum
CREATE TYPE "AuthProfileType" AS ENUM ('api_key', 'token', 'oauth');

-- CreateEnum
CREATE TYPE "SecretField" AS ENUM ('key', 'token', 'access', 'refresh');

-- CreateEnum
CREATE TYPE "SnapshotSource" AS ENUM ('computed', 'reported');

-- CreateEnum
CREATE TYPE "ReauthMethod" AS ENUM ('api_key', 'setup_token', 'oauth');

-- CreateEnum
CREATE TYPE "ReauthState" AS ENUM ('requested', 'link_issued', 'credential_submitted', 'applied', 'verified', 'expired', 'cancelled');

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "sessionsValidFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Gateway" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "stateDir" TEXT NOT NULL,
    "homeDir" TEXT NOT NULL,
    "openclawVersion" TEXT NOT NULL,
    "ingestTokenHash" TEXT,
    "ingestTokenHint" TEXT,
    "lastSeenAt" TIMESTAMP(3),
    "defaultModel" JSONB,
    "imageModel" JSONB,
    "utilityModel" JSONB,
    "defaultModels" JSONB NOT NULL DEFAULT '{}',
    "defaultParams" JSONB NOT NULL DEFAULT '{}',
    "authProfiles" JSONB NOT NULL DEFAULT '{}',
    "authOrder" JSONB NOT NULL DEFAULT '{}',
    "extraConfig" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Gateway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "agentKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "workspace" TEXT,
    "agentDir" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "model" JSONB,
    "models" JSONB NOT NULL DEFAULT '{}',
    "params" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CredentialStore" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "agentId" UUID,
    "order" JSONB NOT NULL DEFAULT '{}',
    "lastGood" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialStore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthProfile" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "storeId" UUID NOT NULL,
    "profileId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "type" "AuthProfileType" NOT NULL,
    "expires" TIMESTAMP(3),
    "email" TEXT,
    "displayName" TEXT,
    "copyToAgents" BOOLEAN,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "lastUsed" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "lastProbeAt" TIMESTAMP(3),
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "failureCounts" JSONB NOT NULL DEFAULT '{}',
    "cooldownUntil" TIMESTAMP(3),
    "cooldownReason" TEXT,
    "cooldownClassification" TEXT,
    "cooldownModel" TEXT,
    "disabledUntil" TIMESTAMP(3),
    "disabledReason" TEXT,
    "blockedUntil" TIMESTAMP(3),
    "blockedReason" TEXT,
    "blockedSource" TEXT,
    "blockedModel" TEXT,
    "blockedScope" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthProfileSecret" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "authProfileId" UUID NOT NULL,
    "field" "SecretField" NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "mask" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthProfileSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecretKeySentinel" (
    "keyId" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SecretKeySentinel_pkey" PRIMARY KEY ("keyId")
);

-- CreateTable
CREATE TABLE "StatusSnapshot" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "source" "SnapshotSource" NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReauthRequest" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "authProfileId" UUID,
    "fingerprint" TEXT,
    "method" "ReauthMethod" NOT NULL,
    "state" "ReauthState" NOT NULL DEFAULT 'requested',
    "requestedById" UUID NOT NULL,
    "assigneeId" UUID,
    "deadline" TIMESTAMP(3),
    "linkTokenHash" TEXT,
    "linkExpiresAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReauthRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReauthRequestAgent" (
    "requestId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "teamId" UUID NOT NULL,

    CONSTRAINT "ReauthRequestAgent_pkey" PRIMARY KEY ("requestId","agentId")
);

-- CreateTable
CREATE TABLE "OutboxJob" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "teamId" UUID NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_teamId_userId_key" ON "Membership"("teamId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Gateway_ingestTokenHash_key" ON "Gateway"("ingestTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Gateway_id_teamId_key" ON "Gateway"("id", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Gateway_teamId_name_key" ON "Gateway"("teamId", "name");

-- CreateIndex
CREATE INDEX "Agent_teamId_name_idx" ON "Agent"("teamId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_id_teamId_key" ON "Agent"("id", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_gatewayId_agentKey_key" ON "Agent"("gatewayId", "agentKey");

-- CreateIndex
CREATE INDEX "CredentialStore_gatewayId_idx" ON "CredentialStore"("gatewayId");

-- CreateIndex
CREATE UNIQUE INDEX "CredentialStore_id_teamId_key" ON "CredentialStore"("id", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "CredentialStore_agentId_teamId_key" ON "CredentialStore"("agentId", "teamId");

-- CreateIndex
CREATE INDEX "AuthProfile_teamId_provider_idx" ON "AuthProfile"("teamId", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "AuthProfile_id_teamId_key" ON "AuthProfile"("id", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "AuthProfile_storeId_profileId_key" ON "AuthProfile"("storeId", "profileId");

-- CreateIndex
CREATE INDEX "AuthProfileSecret_teamId_fingerprint_idx" ON "AuthProfileSecret"("teamId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "AuthProfileSecret_authProfileId_field_key" ON "AuthProfileSecret"("authProfileId", "field");

-- CreateIndex
CREATE INDEX "StatusSnapshot_agentId_source_takenAt_idx" ON "StatusSnapshot"("agentId", "source", "takenAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ReauthRequest_linkTokenHash_key" ON "ReauthRequest"("linkTokenHash");

-- CreateIndex
CREATE INDEX "ReauthRequest_teamId_state_idx" ON "ReauthRequest"("teamId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ReauthRequest_id_teamId_key" ON "ReauthRequest"("id", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxJob_dedupeKey_key" ON "OutboxJob"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxJob_doneAt_availableAt_idx" ON "OutboxJob"("doneAt", "availableAt");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_createdAt_idx" ON "AuditEvent"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_action_idx" ON "AuditEvent"("teamId", "action");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gateway" ADD CONSTRAINT "Gateway_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_gatewayId_teamId_fkey" FOREIGN KEY ("gatewayId", "teamId") REFERENCES "Gateway"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialStore" ADD CONSTRAINT "CredentialStore_gatewayId_teamId_fkey" FOREIGN KEY ("gatewayId", "teamId") REFERENCES "Gateway"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialStore" ADD CONSTRAINT "CredentialStore_agentId_teamId_fkey" FOREIGN KEY ("agentId", "teamId") REFERENCES "Agent"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthProfile" ADD CONSTRAINT "AuthProfile_storeId_teamId_fkey" FOREIGN KEY ("storeId", "teamId") REFERENCES "CredentialStore"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthProfileSecret" ADD CONSTRAINT "AuthProfileSecret_authProfileId_teamId_fkey" FOREIGN KEY ("authProfileId", "teamId") REFERENCES "AuthProfile"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusSnapshot" ADD CONSTRAINT "StatusSnapshot_agentId_teamId_fkey" FOREIGN KEY ("agentId", "teamId") REFERENCES "Agent"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReauthRequest" ADD CONSTRAINT "ReauthRequest_authProfileId_teamId_fkey" FOREIGN KEY ("authProfileId", "teamId") REFERENCES "AuthProfile"("id", "teamId") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReauthRequestAgent" ADD CONSTRAINT "ReauthRequestAgent_requestId_teamId_fkey" FOREIGN KEY ("requestId", "teamId") REFERENCES "ReauthRequest"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReauthRequestAgent" ADD CONSTRAINT "ReauthRequestAgent_agentId_teamId_fkey" FOREIGN KEY ("agentId", "teamId") REFERENCES "Agent"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written: rules Prisma's schema language cannot express ────────────────────────────────────

-- A gateway has exactly one shared credential store (the row whose agentId is null).
CREATE UNIQUE INDEX "CredentialStore_one_shared_store_per_gateway" ON "CredentialStore"("gatewayId") WHERE "agentId" IS NULL;

-- The audit trail is append-only for every database role, the application's included: rows can be
-- inserted and read, never changed or removed.
CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"();
