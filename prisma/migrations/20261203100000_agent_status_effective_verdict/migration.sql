-- The verdict an agent counts with, as an indexed column: the reported one where a report is newer than the
-- computation, else the computed one. `agents.list?status=` and the fleet counts filter and group on it; it is
-- generated, so no writer can let it drift from the columns it derives from.
ALTER TABLE "AgentStatus" ADD COLUMN "effectiveVerdict" TEXT GENERATED ALWAYS AS (
  CASE WHEN "reportedAt" > "computedAt" AND "reportedVerdict" IS NOT NULL THEN "reportedVerdict" ELSE "verdict" END
) STORED;

CREATE INDEX "AgentStatus_teamId_effectiveVerdict_idx" ON "AgentStatus"("teamId", "effectiveVerdict");
