-- Issue 14: a refused import may come with a config rewrite the admin can accept (OpenClaw 2026.9.6 refuses
-- variables directly under `env`; the rewrite moves them into `env.vars`). Names only, never a value.
ALTER TABLE "ImportRun" ADD COLUMN "configRewrite" JSONB;
