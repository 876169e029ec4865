// `npm run db:queue`: creates or upgrades the job queue's schema in DATABASE_URL (idempotent).
import { installJobQueue } from "../src/job-queue";

// eslint-disable-next-line no-restricted-syntax -- a command-line entry point reads its own environment
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
await installJobQueue(url);
