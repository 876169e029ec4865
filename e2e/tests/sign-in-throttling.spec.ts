import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

/**
 * Sign-in throttling through the real server (apps/web/server.mjs) and form (issue 12, findings 2, 5 and 18;
 * checklist B8): no hard lock, a progressive delay for unknown browsers, the owner's own browser spared through
 * its device cookie, and per-address buckets a client cannot move with a forged X-Forwarded-For.
 */

const here = dirname(fileURLToPath(import.meta.url));
const databaseUrl = () =>
  (
    JSON.parse(readFileSync(join(here, "..", ".server", "server-env.json"), "utf8")) as {
      DATABASE_URL: string;
    }
  ).DATABASE_URL;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const OWNER = "operator@demo.clawfleet.dev";

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// why: other specs sign in as the demo users from this same address on this same server.
const clearSignInBuckets = async () => {
  await withDatabase((client) => client.query(`DELETE FROM "ThrottleBucket" WHERE key LIKE 'sign-in-%'`));
};
test.beforeEach(clearSignInBuckets);
test.afterEach(clearSignInBuckets);

test("an attacker's wrong guesses slow down unknown browsers only: the owner's browser still signs in", async ({
  browser,
}) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  const ownerSignIn = new SignInPage(ownerPage);
  await ownerSignIn.open();
  await ownerSignIn.signIn(OWNER, DEMO_PASSWORD);
  await expect(ownerPage.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  const device = (await owner.cookies()).find((cookie) => cookie.name === "clawfleet-device");
  expect(device).toMatchObject({ httpOnly: true, path: "/api/auth", sameSite: "Lax" });
  await owner.clearCookies({ name: /next-auth/ });

  const attacker = await browser.newContext();
  const attackerSignIn = new SignInPage(await attacker.newPage());
  await attackerSignIn.open();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await attackerSignIn.signIn(OWNER, `wrong password ${attempt}`);
    await attackerSignIn.expectRefused("Email or password is incorrect.");
  }
  // Throttled: even the right password is refused, unchecked, with when to try again.
  await attackerSignIn.signIn(OWNER, DEMO_PASSWORD);
  await attackerSignIn.expectRefused("Too many sign-in attempts. Try again in 30 seconds.");

  await ownerSignIn.open();
  await ownerSignIn.signIn(OWNER, DEMO_PASSWORD);
  await expect(ownerPage.getByRole("heading", { name: "Fleet status" })).toBeVisible();

  // The attempts are in the owner's team audit log: 5 failures, the throttling, and the two successes.
  const actions = await withDatabase(async (client) => {
    const { rows } = await client.query<{ action: string; count: string }>(
      `SELECT action, count(*) FROM "AuditEvent" a JOIN "User" u ON u.id = a."actorId"
       WHERE u.email = $1 AND action LIKE 'auth.login.%' AND a."createdAt" > now() - interval '5 minutes'
       GROUP BY action`,
      [OWNER],
    );
    return Object.fromEntries(rows.map((row) => [row.action, Number(row.count)]));
  });
  expect(actions).toMatchObject({ "auth.login.failed": 5, "auth.login.throttled": 1 });
  expect(actions["auth.login.succeeded"]).toBeGreaterThanOrEqual(2);
  await owner.close();
  await attacker.close();
});

test("a forged X-Forwarded-For from a direct client does not move its sign-in bucket", async ({
  request,
}) => {
  const forged = ["203.0.113.1", "203.0.113.2", "203.0.113.3"];
  for (const address of forged) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": address },
      form: { email: `nobody-${address}@example.test`, password: "guess", csrfToken, json: "true" },
    });
    expect(response.status()).toBeLessThan(500);
  }
  const buckets = await withDatabase(async (client) => {
    const { rows } = await client.query<{ key: string; hits: number }>(
      `SELECT key, hits FROM "ThrottleBucket" WHERE key LIKE 'sign-in-address:%'`,
    );
    return rows;
  });
  for (const address of forged) {
    expect(buckets.map((bucket) => bucket.key)).not.toContain(`sign-in-address:${sha256(address)}`);
  }
  expect(buckets).toContainEqual({ key: `sign-in-address:${sha256("127.0.0.1")}`, hits: forged.length });
});
