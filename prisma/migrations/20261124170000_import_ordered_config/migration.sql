-- Config fragments become `json` (keeps key order, which OpenClaw reads); import bookkeeping columns.

-- AlterTable
ALTER TABLE "Gateway" ALTER COLUMN "defaultModel" SET DATA TYPE JSON USING "defaultModel"::text::json,
ALTER COLUMN "imageModel" SET DATA TYPE JSON USING "imageModel"::text::json,
ALTER COLUMN "utilityModel" SET DATA TYPE JSON USING "utilityModel"::text::json,
ALTER COLUMN "defaultModels" DROP DEFAULT,
ALTER COLUMN "defaultModels" SET DATA TYPE JSON USING "defaultModels"::text::json,
ALTER COLUMN "defaultModels" SET DEFAULT '{}',
ALTER COLUMN "defaultParams" DROP DEFAULT,
ALTER COLUMN "defaultParams" SET DATA TYPE JSON USING "defaultParams"::text::json,
ALTER COLUMN "defaultParams" SET DEFAULT '{}',
ALTER COLUMN "authProfiles" DROP DEFAULT,
ALTER COLUMN "authProfiles" SET DATA TYPE JSON USING "authProfiles"::text::json,
ALTER COLUMN "authProfiles" SET DEFAULT '{}',
ALTER COLUMN "authOrder" DROP DEFAULT,
ALTER COLUMN "authOrder" SET DATA TYPE JSON USING "authOrder"::text::json,
ALTER COLUMN "authOrder" SET DEFAULT '{}',
ALTER COLUMN "extraConfig" DROP DEFAULT,
ALTER COLUMN "extraConfig" SET DATA TYPE JSON USING "extraConfig"::text::json,
ALTER COLUMN "extraConfig" SET DEFAULT '{}',
ADD COLUMN "legacyFiles" JSON NOT NULL DEFAULT '[]',
ADD COLUMN "sharedStoreLocation" TEXT;

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "model" SET DATA TYPE JSON USING "model"::text::json,
ALTER COLUMN "models" DROP DEFAULT,
ALTER COLUMN "models" SET DATA TYPE JSON USING "models"::text::json,
ALTER COLUMN "models" SET DEFAULT '{}',
ALTER COLUMN "params" DROP DEFAULT,
ALTER COLUMN "params" SET DATA TYPE JSON USING "params"::text::json,
ALTER COLUMN "params" SET DEFAULT '{}',
ALTER COLUMN "extraConfig" DROP DEFAULT,
ALTER COLUMN "extraConfig" SET DATA TYPE JSON USING "extraConfig"::text::json,
ALTER COLUMN "extraConfig" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "CredentialStore" ALTER COLUMN "order" DROP DEFAULT,
ALTER COLUMN "order" SET DATA TYPE JSON USING "order"::text::json,
ALTER COLUMN "order" SET DEFAULT '{}',
ALTER COLUMN "lastGood" DROP DEFAULT,
ALTER COLUMN "lastGood" SET DATA TYPE JSON USING "lastGood"::text::json,
ALTER COLUMN "lastGood" SET DEFAULT '{}',
ALTER COLUMN "orphanUsageStats" DROP DEFAULT,
ALTER COLUMN "orphanUsageStats" SET DATA TYPE JSON USING "orphanUsageStats"::text::json,
ALTER COLUMN "orphanUsageStats" SET DEFAULT '{}',
ADD COLUMN "hasCredentialDocument" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "AuthProfile" ALTER COLUMN "metadata" DROP DEFAULT,
ALTER COLUMN "metadata" SET DATA TYPE JSON USING "metadata"::text::json,
ALTER COLUMN "metadata" SET DEFAULT '{}',
ALTER COLUMN "failureCounts" DROP DEFAULT,
ALTER COLUMN "failureCounts" SET DATA TYPE JSON USING "failureCounts"::text::json,
ALTER COLUMN "failureCounts" SET DEFAULT '{}',
ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN "target" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "summary" JSONB NOT NULL DEFAULT '{}';
