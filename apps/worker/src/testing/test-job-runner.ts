/** A real graphile-worker runner over the test file's database, for worker tests; stopped after each test. */
import { type CronItem, Logger, type Runner } from "graphile-worker";
import { afterEach } from "vitest";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import type { WebhookDeliveryOptions } from "@clawfleet/services/webhooks/webhook-delivery";
import { startJobRunner } from "../job-runner";

/** How often an idle test worker looks for due jobs: scheduled jobs start within about this long. */
export const TEST_POLL_MS = 200;

const quiet = new Logger(() => () => undefined);

export type TestRunnerOptions = {
  concurrency?: number;
  /** Default none: tests queue the jobs they need. */
  cronItems?: CronItem[];
  webhooks?: WebhookDeliveryOptions;
};

/** Call once per test file, at module level: returns `start`, and stops the started runner after each test. */
export function useTestJobRunner(deps: ServiceDeps): (options?: TestRunnerOptions) => Promise<Runner> {
  let runner: Runner | null = null;
  afterEach(async () => {
    await runner?.stop();
    runner = null;
  });
  return async ({ concurrency = 2, cronItems = [], webhooks = {} } = {}) => {
    runner = await startJobRunner({
      connectionString: process.env.DATABASE_URL ?? "",
      concurrency,
      cronItems,
      pollIntervalMs: TEST_POLL_MS,
      logger: quiet,
      // why: the tests' webhook receivers listen on loopback, which a real install refuses by default.
      deps: { ...deps, webhooks: { allowedNetworks: ["127.0.0.1"], ...webhooks } },
    });
    return runner;
  };
}
