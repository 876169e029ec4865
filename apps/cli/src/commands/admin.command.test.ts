import { createTeam } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { signInWithPassword } from "@clawfleet/services/sessions/password-sign-in";
import { describe, expect, it } from "vitest";

import { main } from "../main";

const db = useTestDb();

async function run(argv: string[], password: string | null, databaseUrl = process.env.DATABASE_URL) {
  let stdout = "";
  let stderr = "";
  const prompts: string[] = [];
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { DATABASE_URL: databaseUrl, USER: "ops" },
    readSecret: (prompt) => {
      prompts.push(prompt);
      return Promise.resolve(password);
    },
  });
  return { code, stdout, stderr, prompts };
}

async function signsIn(email: string, password: string): Promise<boolean> {
  const attempt = { email, password, clientAddress: "127.0.0.1", knownDeviceId: null, requestId: "test" };
  const result = await signInWithPassword({ db, now: () => new Date() }, attempt);
  return result.outcome === "signed-in";
}

const unique = () => `${crypto.randomUUID().slice(0, 8)}@example.com`;

describe("clawfleet admin create", () => {
  it("creates the first admin and their team, with the password read as a secret, and audits it", async () => {
    const email = unique();
    const teamName = `Platform ${crypto.randomUUID().slice(0, 6)}`;
    const result = await run(
      ["admin", "create", "--email", email, "--team", teamName, "--name", "Ops Lead"],
      "a long enough passphrase",
    );
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`admin of the new team "${teamName}"`);
    expect(result.prompts).toEqual([`Password for ${email} (at least 12 characters): `]);

    const user = await db.user.findUniqueOrThrow({
      where: { email },
      include: { memberships: { include: { team: true } } },
    });
    expect(user.name).toBe("Ops Lead");
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(await signsIn(email, "a long enough passphrase")).toBe(true);
    expect(user.memberships).toEqual([
      expect.objectContaining({
        role: "admin",
        team: expect.objectContaining({ name: teamName }) as unknown,
      }),
    ]);
    const audit = await db.auditEvent.findMany({
      where: { teamId: user.memberships[0]?.teamId },
      orderBy: { createdAt: "asc" },
    });
    // (the sign-in check above adds its own auth.login row)
    expect(audit.map((event) => event.action).filter((action) => !action.startsWith("auth."))).toEqual([
      "team.create",
      "membership.add_admin",
    ]);
    expect(JSON.stringify(audit.map(({ before, after }) => ({ before, after })))).not.toContain(
      "a long enough passphrase",
    );
  });

  it("adds an admin to an existing team with that slug", async () => {
    const team = await createTeam(db);
    const email = unique();
    const result = await run(
      ["admin", "create", "--email", email, "--team", team.slug],
      "another long passphrase",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("admin of the existing team");
    expect(await db.membership.count({ where: { teamId: team.id, role: "admin", user: { email } } })).toBe(1);
  });

  it("never takes over an existing account, refuses weak passwords, and changes nothing when it refuses", async () => {
    const email = unique();
    expect(
      (await run(["admin", "create", "--email", email, "--team", "Taken"], "first long passphrase")).code,
    ).toBe(0);
    const users = await db.user.count();

    const again = await run(
      ["admin", "create", "--email", email.toUpperCase(), "--team", "Taken"],
      "attacker passphrase!",
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`An account for ${email} already exists`);
    const weak = await run(["admin", "create", "--email", unique(), "--team", "Weak"], "short");
    expect(weak).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("at least 12 characters") as unknown,
    });
    expect(await db.user.count()).toBe(users);
    expect(await signsIn(email, "first long passphrase")).toBe(true);
  });

  it("explains what is missing: flags, the database, the password", async () => {
    expect((await run(["admin", "create", "--team", "x"], "long passphrase ok")).stderr).toContain(
      "--email is required",
    );
    expect((await run(["admin", "create", "--email", unique(), "--team", "x"], null)).stderr).toContain(
      "no password given",
    );
    expect(
      (await run(["admin", "create", "--email", unique(), "--team", "x", "--password", "p"], "x")).stderr,
    ).toContain("unknown");
    const unmigrated = new URL(process.env.DATABASE_URL ?? "");
    unmigrated.pathname = "/postgres";
    const noTables = await run(
      ["admin", "create", "--email", unique(), "--team", "x"],
      "long passphrase ok",
      unmigrated.href,
    );
    expect(noTables).toMatchObject({ code: 1 });
    expect(noTables.stderr).toContain("/postgres: it has no Clawfleet tables; run `npm run db:migrate`");
  });
});
