// Embedded Postgres for `npm start` without DATABASE_URL: PGlite (Postgres compiled to WASM) behind its
// wire-protocol socket server, with data kept under .data/ (toolchain.md §3).
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * PGlite serves one database and runs one query at a time; the socket server queues the rest. Allow more
 * connections than the app's pool plus the migration CLI, or extra connections are dropped (toolchain G9).
 */
const MAX_CONNECTIONS = 24;

export async function startEmbeddedPostgres({ dataDir, port }) {
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw new Error(
      `Could not start the embedded Postgres on 127.0.0.1:${port} (${error.code ?? error.message}). ` +
        "Free the port, set CLAWFLEET_EMBEDDED_PG_PORT to another one, or set DATABASE_URL to use your own Postgres.",
    );
  }
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
