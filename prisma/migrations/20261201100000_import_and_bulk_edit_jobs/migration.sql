-- Imports and bulk edits run as worker jobs (issue 10). An import run now goes queued → previewing →
-- previewed → commit_queued → committing → succeeded | failed, records its preview (or refusal) itself,
-- and keeps its upload encrypted in ImportUpload until it ends. A bulk edit is a run with one row per agent.

-- ImportRunStatus gains the job states; `running` (a commit in progress) becomes `committing`. The type is
-- replaced rather than altered so the new values can be used as the column's default in this transaction.
CREATE TYPE "ImportRunStatus_new" AS ENUM ('queued', 'previewing', 'previewed', 'commit_queued', 'committing', 'succeeded', 'failed');
ALTER TABLE "ImportRun" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "ImportRun" ALTER COLUMN "status" TYPE "ImportRunStatus_new"
  USING (CASE "status"::text WHEN 'running' THEN 'committing' ELSE "status"::text END)::"ImportRunStatus_new";
DROP TYPE "ImportRunStatus";
ALTER TYPE "ImportRunStatus_new" RENAME TO "ImportRunStatus";
ALTER TABLE "ImportRun" ALTER COLUMN "status" SET DEFAULT 'queued';

ALTER TABLE "ImportRun"
  ADD COLUMN "phase" TEXT NOT NULL DEFAULT 'queued',
  ADD COLUMN "changes" JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN "totalChanges" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "warnings" JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN "totalWarnings" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "errors" JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN "committedById" UUID,
  ADD COLUMN "committedBy" TEXT,
  ADD COLUMN "commitRequestId" TEXT,
  ALTER COLUMN "planHash" DROP NOT NULL,
  ALTER COLUMN "summary" DROP NOT NULL,
  ALTER COLUMN "summary" DROP DEFAULT;

CREATE UNIQUE INDEX "ImportRun_id_teamId_key" ON "ImportRun"("id", "teamId");
CREATE INDEX "ImportRun_createdAt_idx" ON "ImportRun"("createdAt");

CREATE TABLE "ImportUpload" (
    "importRunId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportUpload_pkey" PRIMARY KEY ("importRunId")
);
CREATE UNIQUE INDEX "ImportUpload_importRunId_teamId_key" ON "ImportUpload"("importRunId", "teamId");
ALTER TABLE "ImportUpload" ADD CONSTRAINT "ImportUpload_importRunId_teamId_fkey" FOREIGN KEY ("importRunId", "teamId") REFERENCES "ImportRun"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TYPE "BulkEditRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');
CREATE TYPE "BulkEditOutcome" AS ENUM ('updated', 'unchanged', 'conflict', 'failed');

CREATE TABLE "BulkEditRun" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "status" "BulkEditRunStatus" NOT NULL DEFAULT 'queued',
    "action" JSONB NOT NULL,
    "totalItems" INTEGER NOT NULL,
    "doneItems" INTEGER NOT NULL DEFAULT 0,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkEditRun_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "BulkEditRun_id_teamId_key" ON "BulkEditRun"("id", "teamId");
CREATE INDEX "BulkEditRun_teamId_createdAt_idx" ON "BulkEditRun"("teamId", "createdAt" DESC);
ALTER TABLE "BulkEditRun" ADD CONSTRAINT "BulkEditRun_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "BulkEditRunItem" (
    "runId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "agentId" UUID NOT NULL,
    "expectedVersion" INTEGER NOT NULL,
    "outcome" "BulkEditOutcome",
    "version" INTEGER,
    "message" TEXT,

    CONSTRAINT "BulkEditRunItem_pkey" PRIMARY KEY ("runId", "position")
);
ALTER TABLE "BulkEditRunItem" ADD CONSTRAINT "BulkEditRunItem_runId_teamId_fkey" FOREIGN KEY ("runId", "teamId") REFERENCES "BulkEditRun"("id", "teamId") ON DELETE CASCADE ON UPDATE CASCADE;
