-- Re-auth state machine: `pushed` (the connector delivered the applied credential to the gateway host) and
-- `failed` (the push or the host refused it). `pushed` sits after `applied` so that ordering by state follows
-- the workflow. Adding enum values inside a transaction is allowed from PostgreSQL 12 on; the new values are
-- not used in this migration.
ALTER TYPE "ReauthState" ADD VALUE 'pushed' AFTER 'applied';
ALTER TYPE "ReauthState" ADD VALUE 'failed';
