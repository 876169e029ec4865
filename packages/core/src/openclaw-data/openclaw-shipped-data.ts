import { OPENCLAW_2026_9_6 } from "./openclaw-2026.9.6";
import type { OpenClawShippedData } from "./openclaw-shipped-data.schema";

/**
 * The shipped data of the OpenClaw release whose behaviour core reproduces. To follow a new release, extract its
 * data (`npm run openclaw:extract-data` after bumping `OPENCLAW_VERSION` in `scripts/ensure-openclaw.mjs`) and
 * point this at the new module.
 */
export const OPENCLAW_DATA: OpenClawShippedData = OPENCLAW_2026_9_6;
