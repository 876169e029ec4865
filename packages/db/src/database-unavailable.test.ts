import { describe, expect, it } from "vitest";
import { createDbClient } from "./client";
import { databaseLocation, databaseUnavailableReason } from "./database-unavailable";
import { databaseUrl, testServerUrl } from "./testing/test-database";

/** The error a first query raises on `connectionString`, or null when it succeeds. */
async function firstQueryError(connectionString: string): Promise<unknown> {
  const db = createDbClient(connectionString, { maxConnections: 1 });
  try {
    await db.team.findMany({ take: 1 });
    return null;
  } catch (error) {
    return error;
  } finally {
    await db.$disconnect();
  }
}

describe("databaseUnavailableReason", () => {
  it("names a database that does not exist", async () => {
    const error = await firstQueryError(databaseUrl("clawfleet_no_such_database"));
    expect(databaseUnavailableReason(error)).toMatch(/^it does not exist/);
  });

  it("names a database without the Clawfleet tables", async () => {
    // why: the server's maintenance database exists but is never migrated.
    const error = await firstQueryError(testServerUrl());
    expect(databaseUnavailableReason(error)).toMatch(/no Clawfleet tables; run `npm run db:migrate`/);
  });

  it("names a server nothing listens on", async () => {
    const url = new URL(testServerUrl());
    url.port = "9";
    const error = await firstQueryError(url.href);
    expect(databaseUnavailableReason(error)).toMatch(/cannot be reached; check the host and port/);
  });

  it("leaves other errors to their caller", () => {
    expect(databaseUnavailableReason(new Error("boom"))).toBeNull();
    expect(databaseUnavailableReason(undefined)).toBeNull();
  });
});

describe("databaseLocation", () => {
  it("shows the server and database, never the user or password", () => {
    const location = databaseLocation(
      "postgresql://clawfleet:s3cret-pass@db.internal:6543/fleet?sslmode=require",
    );
    expect(location).toBe("db.internal:6543/fleet");
    expect(databaseLocation("postgresql://postgres@127.0.0.1/clawfleet")).toBe("127.0.0.1:5432/clawfleet");
    expect(databaseLocation("postgresql:///clawfleet?host=/var/run/postgresql")).toBe(
      "the local socket/clawfleet",
    );
    expect(databaseLocation("not a url")).toBe("DATABASE_URL (not a valid URL)");
  });
});
