-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "declared" BOOLEAN NOT NULL DEFAULT true;
