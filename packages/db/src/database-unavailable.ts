import { Prisma } from "./generated/prisma/client";

/**
 * Telling "the database cannot be used at all" apart from an error in one query, for a command-line tool that
 * should say what to fix instead of printing a driver's stack. The words name no part of the connection string
 * but its server and database (`databaseLocation`): DATABASE_URL may carry a password.
 */

/** Prisma's codes for a database that cannot be used, and what to check for each. */
const UNAVAILABLE_BECAUSE: Record<string, string> = {
  P1000: "it refused the login; check the user and password in DATABASE_URL",
  P1001:
    "its server cannot be reached; check the host and port in DATABASE_URL, and that Postgres is running",
  P1003: "it does not exist; create it, or point DATABASE_URL at the Clawfleet database",
  P1010: "it refused access to this user; check the user in DATABASE_URL and its grants",
  P2021: "it has no Clawfleet tables; run `npm run db:migrate` with this DATABASE_URL to create them",
};

/** Why `error` means the database cannot be used at all, or null when it is some other error. */
export function databaseUnavailableReason(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return UNAVAILABLE_BECAUSE[error.code] ?? null;
  if (error instanceof Prisma.PrismaClientInitializationError)
    return (error.errorCode && UNAVAILABLE_BECAUSE[error.errorCode]) ?? "the database client could not start";
  return null;
}

/** The server and database a connection string names (`127.0.0.1:5432/clawfleet`), never its user or password. */
export function databaseLocation(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const server = url.hostname ? `${url.hostname}:${url.port || "5432"}` : "the local socket";
    return `${server}${decodeURIComponent(url.pathname) || "/"}`;
  } catch {
    return "DATABASE_URL (not a valid URL)";
  }
}
