import { deleteSpentThrottles } from "@clawfleet/db/throttle.repository";
import type { ServiceDeps } from "../service-context";

/**
 * Job `throttles.sweep` (cron): deletes throttle buckets whose window and wait are both over, so sign-in,
 * anonymous-call and bad-token counts do not pile up forever (finding 18). A deleted bucket starts afresh, which
 * is what an expired one does anyway.
 */
export function sweepSpentThrottles({ db, now }: Pick<ServiceDeps, "db" | "now">): Promise<number> {
  return deleteSpentThrottles(db, now());
}
