/**
 * Seeds the abuse bench's accounts into DATABASE_URL (a dedicated, freshly migrated database): one team with
 * two admins, each with a random password: `target`, whose password the login burst attacks, and `legit`, who
 * signs in during the anonymous flood. Prints one JSON line for scripts/bench-abuse.mjs.
 */
import { randomBytes } from "node:crypto";
import { createDbClient } from "@clawfleet/db/client";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(url);
try {
  const team = await createTeam(db);
  const account = async (label: string) => {
    const password = randomBytes(18).toString("base64url");
    const email = `${label}-${randomBytes(4).toString("hex")}@abuse.bench`;
    const user = await createMember(db, { teamId: team.id, role: "admin", email, password });
    return { id: user.id, email, password };
  };
  const target = await account("target");
  const legit = await account("legit");
  console.log(JSON.stringify({ teamId: team.id, target, legit }));
} finally {
  await db.$disconnect();
}
