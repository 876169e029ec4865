import { setPriority } from "node:os";
import { type DestinationStream, pino } from "pino";
import { createDbClient, databaseLocation, databaseUnavailableReason } from "@clawfleet/db/client";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { verifySecretKeyAgainstDatabase } from "@clawfleet/db/secret-key-sentinel.repository";
import { startJobRunner } from "./job-runner";
import { jobRunnerLogger } from "./job-runner-logger";
import { parseWorkerEnv } from "./worker-env";

/**
 * The worker process: runs queued jobs until SIGTERM/SIGINT, then lets running jobs finish. Any number of
 * workers may run against one database: graphile-worker hands each job to exactly one of them.
 */
export async function runWorker({
  env,
  logDestination,
}: {
  env: Record<string, string | undefined>;
  /** Where the log lines go; standard output unless a test collects them. */
  logDestination?: DestinationStream;
}): Promise<number> {
  const log = logDestination
    ? pino({ name: "clawfleet-worker" }, logDestination)
    : pino({ name: "clawfleet-worker" });
  let config;
  try {
    config = parseWorkerEnv(env);
  } catch (error) {
    log.fatal(error instanceof Error ? error.message : String(error));
    return 1;
  }
  log.level = config.CLAWFLEET_LOG_LEVEL;
  try {
    setPriority(config.CLAWFLEET_WORKER_NICE);
  } catch (error) {
    // why: a process may not lower its niceness below what it started with; running at it is fine.
    log.warn(`worker niceness left as it was: ${error instanceof Error ? error.message : String(error)}`);
  }
  const db = createDbClient(config.DATABASE_URL, { maxConnections: config.CLAWFLEET_DB_POOL_SIZE });
  try {
    const box = openSecretBox(config.CLAWFLEET_SECRET_KEY);
    await verifySecretKeyAgainstDatabase(db, box);
    const runner = await startJobRunner({
      connectionString: config.DATABASE_URL,
      concurrency: config.CLAWFLEET_WORKER_CONCURRENCY,
      logger: jobRunnerLogger(log),
      deps: {
        db,
        secretBox: box,
        now: () => new Date(),
        webhooks: {
          allowedNetworks: config.CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS,
          log: (line) => log.info({ component: "webhooks" }, line),
        },
      },
    });
    const stop = () => void runner.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    log.info(
      { concurrency: config.CLAWFLEET_WORKER_CONCURRENCY, nice: config.CLAWFLEET_WORKER_NICE },
      "worker started",
    );
    await runner.promise;
    log.info("worker stopped");
    return 0;
  } catch (error) {
    const unavailable = databaseUnavailableReason(error);
    log.fatal(
      unavailable
        ? `worker refused to start: cannot use the database at ${databaseLocation(config.DATABASE_URL)}: ${unavailable}.`
        : `worker refused to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    await db.$disconnect();
  }
}
