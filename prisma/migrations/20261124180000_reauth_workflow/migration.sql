-- ReauthRequest had no writer before this migration, so the new required columns meet an empty table.
-- AlterTable
ALTER TABLE "OutboxJob" ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lockedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReauthRequest" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "expiredAt" TIMESTAMP(3),
ADD COLUMN     "profileLabel" TEXT NOT NULL,
ADD COLUMN     "provider" TEXT NOT NULL,
ADD COLUMN     "submissionKey" TEXT,
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "submittedById" UUID;

-- CreateTable
CREATE TABLE "ReauthRequestProfile" (
    "requestId" UUID NOT NULL,
    "authProfileId" UUID NOT NULL,
    "teamId" UUID NOT NULL,

    CONSTRAINT "ReauthRequestProfile_pkey" PRIMARY KEY ("requestId","authProfileId")
);

-- CreateTable
CREATE TABLE "ReauthEvent" (
    "id" BIGSERIAL NOT NULL,
    "teamId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReauthEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamWebhook" (
    "teamId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamWebhook_pkey" PRIMARY KEY ("teamId")
);

-- CreateIndex
CREATE INDEX "ReauthRequestProfile_authProfileId_idx" ON "ReauthRequestProfile"("authProfileId");

-- CreateIndex
CREATE INDEX "ReauthEvent_requestId_id_idx" ON "ReauthEvent"("requestId", "id");

-- AddForeignKey
ALTER TABLE "ReauthRequestProfile" ADD CONSTRAINT "ReauthRequestProfile_requestId_teamId_fkey" FOREIGN KEY ("requestId", "teamId") REFERENCES "ReauthRequest"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReauthRequestProfile" ADD CONSTRAINT "ReauthRequestProfile_authProfileId_teamId_fkey" FOREIGN KEY ("authProfileId", "teamId") REFERENCES "AuthProfile"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReauthEvent" ADD CONSTRAINT "ReauthEvent_requestId_teamId_fkey" FOREIGN KEY ("requestId", "teamId") REFERENCES "ReauthRequest"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamWebhook" ADD CONSTRAINT "TeamWebhook_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
