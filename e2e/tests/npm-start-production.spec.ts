import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { REPOSITORY_ROOT, startNpmStart } from "../pages/npm-start-process";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

const root = REPOSITORY_ROOT;
const port = 3198;
const serverUrl = process.env.CLAWFLEET_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** This machine's first non-loopback IPv4 address, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
}

async function query(connectionString: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/**
 * `npm start` for a real install (issue 12): with its own DATABASE_URL it creates no demo team and no account
 * with a known password, says how to make the first admin, and listens on loopback only unless HOST says
 * otherwise; `clawfleet admin create` then makes an admin who can sign in.
 */
test("npm start with DATABASE_URL starts empty and safe; the first admin comes from clawfleet admin create", async ({
  page,
}) => {
  test.setTimeout(480_000);
  const database = `clawfleet_e2e_prod_${randomBytes(4).toString("hex")}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  const dataDir = mkdtempSync(join(tmpdir(), "clawfleet-prod-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    CLAWFLEET_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl.toString(),
    CLAWFLEET_SECRET_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  };
  delete env.NEXTAUTH_URL;
  delete env.HOST;
  delete env.CLAWFLEET_DEMO;

  const server = startNpmStart(env);
  try {
    await server.waitFor("npx clawfleet admin create", 200_000);
    expect(server.output()).not.toContain("demo admin");
    expect(server.output()).not.toContain(DEMO_PASSWORD);
    expect(await query(databaseUrl.toString(), 'SELECT count(*)::int AS users FROM "User"')).toEqual([
      { users: 0 },
    ]);

    const external = externalAddress();
    if (external)
      await expect(
        fetch(`http://${external}:${port}/login`, { signal: AbortSignal.timeout(5_000) }),
        `the console must not answer on ${external}`,
      ).rejects.toThrow();

    const signIn = new SignInPage(page);
    const consoleUrl = `http://localhost:${port}`;
    await page.goto(`${consoleUrl}/login`);
    await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
    await signIn.expectRefused("Email or password is incorrect.");

    const created = spawnSync(
      process.execPath,
      [
        join(root, "apps", "cli", "bin", "clawfleet.mjs"),
        "admin",
        "create",
        "--email",
        "first@corp.example",
        "--team",
        "Platform",
      ],
      { cwd: root, env, input: "the first admin's passphrase\n", encoding: "utf8" },
    );
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('admin of the new team "Platform"');

    await page.goto(`${consoleUrl}/login`);
    await signIn.signIn("first@corp.example", "the first admin's passphrase");
    await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await query(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
});
