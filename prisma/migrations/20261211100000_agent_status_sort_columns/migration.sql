-- What the agent list sorts on, as generated columns of the stored status, so a page of 10,000 agents is
-- sorted in SQL: the severity of the verdict the agent counts with (core `VERDICT_SEVERITY`: ok 0,
-- expiring 1, failing 2, refused 3; the same CASE as `effectiveVerdict`, which a generated column cannot
-- name), and the model `models status` resolved (`resolvedDefault`, null for a refusal).
ALTER TABLE "AgentStatus" ADD COLUMN "verdictRank" INTEGER GENERATED ALWAYS AS (
  CASE (CASE WHEN "reportedAt" > "computedAt" AND "reportedVerdict" IS NOT NULL THEN "reportedVerdict" ELSE "verdict" END)
    WHEN 'ok' THEN 0 WHEN 'expiring' THEN 1 WHEN 'failing' THEN 2 ELSE 3 END
) STORED;

ALTER TABLE "AgentStatus" ADD COLUMN "resolvedModel" TEXT GENERATED ALWAYS AS (
  "outcome" -> 'status' ->> 'resolvedDefault'
) STORED;

CREATE INDEX "AgentStatus_teamId_verdictRank_idx" ON "AgentStatus"("teamId", "verdictRank");

-- The fleet page's expiring credentials now count only those agents use (core `selectedCredentialExpiries`,
-- the matrix filter's rule). Stored facts follow a row's rewrite, and a refresh rewrites only rows whose
-- content digest moved: forget every digest and mark the rows stale, so the sweep rewrites them all once.
UPDATE "AgentStatus" SET "contentHash" = '', stale = true;
