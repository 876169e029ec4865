// `prisma db seed` entry: seeds the demo fleet into DATABASE_URL (idempotent).
import { createDbClient } from "@clawfleet/db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "@clawfleet/db/demo/demo-credentials";
import { seedDemoFleet } from "@clawfleet/db/demo/demo-fleet";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { refreshDueStatuses } from "@clawfleet/services/statuses/stored-statuses";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(databaseUrl, { maxConnections: 2 });
try {
  const seeded = await seedDemoFleet(db, openSecretBox(process.env.CLAWFLEET_SECRET_KEY), new Date());
  // why: list pages read stored statuses; compute them once here rather than wait for the worker's sweep.
  await refreshDueStatuses({ db, now: () => new Date() });
  console.info(
    seeded
      ? `Seeded the demo fleet (${DEMO_USERS.length} users, password ${DEMO_PASSWORD}).`
      : "Demo fleet already present; nothing to seed.",
  );
} finally {
  await db.$disconnect();
}
