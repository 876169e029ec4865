-- Re-auth lapses on schedule: each request stores the instant it lapses (core `reauthLapsesAt`), so the
-- worker's lapse job and its cron backstop compare one column with `now`, and when its deadline reminder
-- went out. From now on the use cases set `lapsesAt` on every move; this backfills the rows written
-- before, with the rule as core states it at this migration: an open request (requested, link issued,
-- credential submitted) lapses at its deadline or, while its link is issued, at the link's expiry if that
-- comes first (LEAST ignores NULLs); any other request never lapses. Backfilled rows have no lapse job:
-- the backstop sweep picks up any that are already due within a minute.
ALTER TABLE "ReauthRequest" ADD COLUMN "lapsesAt" TIMESTAMP(3),
ADD COLUMN "remindedAt" TIMESTAMP(3);

UPDATE "ReauthRequest"
SET "lapsesAt" = CASE "state"
    WHEN 'link_issued' THEN LEAST("deadline", "linkExpiresAt")
    WHEN 'requested' THEN "deadline"
    WHEN 'credential_submitted' THEN "deadline"
  END
WHERE "state" IN ('requested', 'link_issued', 'credential_submitted');

CREATE INDEX "ReauthRequest_lapsesAt_idx" ON "ReauthRequest"("lapsesAt");
