import { DomainError } from "@clawfleet/core/domain-error";
import { createDbClient } from "@clawfleet/db/client";
import { databaseUnavailableMessage } from "../console-database";
import { createAdminAccount } from "@clawfleet/services/members/admin-accounts";

import { parseArgv } from "../argv-parser";
import type { CliIo } from "../cli-io";
import { ADMIN_USAGE } from "../command-usage";

/** Exit codes: 0 created, 1 bad usage or environment, 2 refused (bad input, the email has an account). */
const EXIT = { ok: 0, usage: 1, refused: 2 } as const;

/**
 * `clawfleet admin create`: makes an admin account for a real install, whose database starts with no account
 * (the demo's known passwords exist only in the demo). The password is read without echo, or from stdin,
 * never from argv. The team is created unless a team with its slug exists, which the account then joins.
 */
export async function runAdminCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv(argv, { booleans: [], strings: ["email", "team", "name"] });
  const usage = (message: string) => {
    io.stderr(`clawfleet admin create: ${message}\n${ADMIN_USAGE}\n`);
    return EXIT.usage;
  };
  if (!parsed.ok) return usage(parsed.message);
  const { strings, positionals } = parsed.value;
  if (positionals.length > 0) return usage(`unexpected argument ${positionals[0] ?? ""}`);
  const email = strings.get("email");
  const teamName = strings.get("team");
  if (!email) return usage("--email is required");
  if (!teamName) return usage("--team is required");
  const url = io.env.DATABASE_URL;
  if (!url) return usage("DATABASE_URL is not set; point it at the Clawfleet database.");

  const password = await io.readSecret(`Password for ${email} (at least 12 characters): `);
  if (password === null) return usage("no password given (type it, or pipe it on stdin)");

  const db = createDbClient(url, { maxConnections: 2 });
  try {
    const created = await createAdminAccount(
      { db, now: () => new Date(io.now()) },
      { email, name: strings.get("name") ?? email.split("@")[0] ?? email, password, teamName },
      { actorLabel: `clawfleet admin create (${io.env.USER ?? "unknown user"})` },
    );
    io.stdout(
      `Created ${created.user.email}, admin of ${created.team.created ? "the new team" : "the existing team"} "${created.team.name}" (${created.team.slug}). Sign in at the console's /login.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof DomainError) {
      io.stderr(`clawfleet admin create: ${error.message}\n`);
      return EXIT.refused;
    }
    const unavailable = databaseUnavailableMessage(url, error);
    if (unavailable) {
      io.stderr(`clawfleet admin create: ${unavailable}\n`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}
