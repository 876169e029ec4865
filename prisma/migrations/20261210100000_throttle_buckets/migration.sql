-- One table for every throttle (sign-in per account, per device and per IP; anonymous procedures per IP; failed
-- bearer tokens per IP), taken atomically by one INSERT … ON CONFLICT statement so concurrent attempts cannot
-- slip past it, and shared by every web instance. The worker's `throttles.sweep` cron deletes spent rows.
-- The old per-email lock (non-atomic, a hard 15-minute lock anyone could trigger) goes away.

DROP TABLE "LoginThrottle";

CREATE TABLE "ThrottleBucket" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "windowEndsAt" TIMESTAMP(3) NOT NULL,
    "retryAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThrottleBucket_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "ThrottleBucket_windowEndsAt_idx" ON "ThrottleBucket"("windowEndsAt");
