-- The change feed (issue 13, live updates). Every write to a table the console's live pages show raises a
-- notification on `clawfleet_changes`, delivered when the writing transaction commits, whichever process wrote it:
-- a web instance, the worker (ingest, host reports, job progress, imports, bulk edits), the CLI or a migration.
-- Each web process LISTENs once and pushes the event to its signed-in browsers of that team (server-sent events).
--
-- Triggers rather than a call in every use case: no write path can forget to announce itself, including the
-- worker's and future ones. They are statement-level with transition tables, so a batch of 1,000 status rows costs
-- one small query and one notification per team, and Postgres folds identical payloads of one transaction.
--
-- The payload is tiny and holds ids only, never a name or a secret:
--   {"team": uuid, "topic": "agents" | "statuses" | "reauth" | "jobs" | "profiles" | "gateways" | "members",
--    "ids": [row ids] (only when a statement touched at most 20), "done": {...} (a finished background job)}

CREATE FUNCTION "clawfleet_notify_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  topic text := TG_ARGV[0];
  subject_column text := TG_ARGV[1];
  -- Columns whose change alone is not worth announcing (a heartbeat's `lastSeenAt`); the table needs an `id`.
  quiet_columns text[] := CASE WHEN TG_NARGS > 2 THEN string_to_array(TG_ARGV[2], ',') END;
  changed text := CASE
    WHEN TG_OP = 'INSERT' THEN 'new_rows'
    WHEN TG_OP = 'DELETE' THEN 'old_rows'
    WHEN quiet_columns IS NULL THEN '(SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows)'
    ELSE format(
      '(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE to_jsonb(n) - %1$L::text[] IS DISTINCT FROM to_jsonb(o) - %1$L::text[])',
      quiet_columns)
  END;
BEGIN
  EXECUTE format(
    $sql$
      SELECT pg_notify('clawfleet_changes', json_build_object(
               'team', team,
               'topic', %L,
               'ids', CASE WHEN count(*) <= 20 THEN json_agg(subject ORDER BY subject) END)::text)
      FROM (SELECT DISTINCT "teamId"::text AS team, %I::text AS subject FROM %s AS changed_rows) AS changed
      GROUP BY team
    $sql$,
    topic, subject_column, changed);
  RETURN NULL;
END
$$;

-- A background job that reached its end: who started it is told (a toast), whichever process finished it.
CREATE FUNCTION "clawfleet_notify_job_done"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ImportRun' THEN
    PERFORM pg_notify('clawfleet_changes', json_build_object(
      'team', n."teamId", 'topic', 'jobs',
      'done', json_build_object('kind', 'import', 'id', n.id, 'outcome', n.status,
                                'by', coalesce(n."committedById", n."createdById")))::text)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IN ('succeeded', 'failed') AND o.status IS DISTINCT FROM n.status;
  ELSIF TG_TABLE_NAME = 'BulkEditRun' THEN
    PERFORM pg_notify('clawfleet_changes', json_build_object(
      'team', n."teamId", 'topic', 'jobs',
      'done', json_build_object('kind', 'bulk_edit', 'id', n.id, 'outcome', n.status, 'by', n."actorId"))::text)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IN ('succeeded', 'failed') AND o.status IS DISTINCT FROM n.status;
  ELSIF TG_TABLE_NAME = 'HostJob' THEN
    PERFORM pg_notify('clawfleet_changes', json_build_object(
      'team', n."teamId", 'topic', 'jobs',
      'done', json_build_object('kind', 'host_job', 'id', n.id, 'outcome', n.state, 'by', n."createdById"))::text)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.state IN ('applied', 'failed') AND o.state IS DISTINCT FROM n.state;
  END IF;
  RETURN NULL;
END
$$;

-- A session that ended (sign-out, a password change, the account removed): the open event streams of that user
-- check their session again at once. The payload is the user's id.
CREATE FUNCTION "clawfleet_notify_session_end"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'UserSession' THEN
    PERFORM pg_notify('clawfleet_session_ends', n."userId"::text)
    FROM (SELECT DISTINCT n."userId" FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE n."revokedAt" IS NOT NULL AND o."revokedAt" IS NULL) AS n;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('clawfleet_session_ends', o.id::text) FROM old_rows o;
  ELSE
    PERFORM pg_notify('clawfleet_session_ends', n.id::text)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n."sessionsValidFrom" IS DISTINCT FROM o."sessionsValidFrom";
  END IF;
  RETURN NULL;
END
$$;

-- Postgres allows transition tables only on single-event triggers, hence three per table.
DO $$
DECLARE
  watched record;
BEGIN
  FOR watched IN
    SELECT * FROM (VALUES
      ('Agent', 'agents', 'id', NULL),
      ('AgentStatus', 'statuses', 'agentId', NULL),
      ('AgentStatusCause', 'statuses', 'agentId', NULL),
      ('AgentStatusFact', 'statuses', 'agentId', NULL),
      ('StatusSnapshot', 'statuses', 'agentId', NULL),
      ('ReauthRequest', 'reauth', 'id', NULL),
      ('ReauthRequestAgent', 'reauth', 'requestId', NULL),
      ('ReauthEvent', 'reauth', 'requestId', NULL),
      ('ImportRun', 'jobs', 'id', NULL),
      ('BulkEditRun', 'jobs', 'id', NULL),
      ('HostJob', 'jobs', 'id', NULL),
      ('AuthProfile', 'profiles', 'id', NULL),
      ('CredentialStore', 'profiles', 'id', NULL),
      ('Gateway', 'gateways', 'id', NULL),
      ('HostAgent', 'gateways', 'gatewayId', 'lastSeenAt,version'),
      ('GatewayHostState', 'gateways', 'gatewayId', NULL),
      ('Membership', 'members', 'userId', NULL),
      ('Invitation', 'members', 'id', NULL)
    ) AS t(table_name, topic, subject_column, quiet_columns)
  LOOP
    EXECUTE format(
      'CREATE TRIGGER "clawfleet_changes_insert" AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_change"(%L, %L)',
      watched.table_name, watched.topic, watched.subject_column);
    EXECUTE format(
      'CREATE TRIGGER "clawfleet_changes_update" AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_change"(%s)',
      watched.table_name,
      concat_ws(', ', quote_literal(watched.topic), quote_literal(watched.subject_column),
                quote_literal(watched.quiet_columns)));
    EXECUTE format(
      'CREATE TRIGGER "clawfleet_changes_delete" AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_change"(%L, %L)',
      watched.table_name, watched.topic, watched.subject_column);
  END LOOP;
END
$$;

CREATE TRIGGER "clawfleet_job_done" AFTER UPDATE ON "ImportRun" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_job_done"();
CREATE TRIGGER "clawfleet_job_done" AFTER UPDATE ON "BulkEditRun" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_job_done"();
CREATE TRIGGER "clawfleet_job_done" AFTER UPDATE ON "HostJob" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_job_done"();

CREATE TRIGGER "clawfleet_session_end" AFTER UPDATE ON "UserSession" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_session_end"();
CREATE TRIGGER "clawfleet_session_end" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_session_end"();
CREATE TRIGGER "clawfleet_session_end_delete" AFTER DELETE ON "User" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "clawfleet_notify_session_end"();
