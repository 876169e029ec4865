import "dotenv/config";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter, ensureDatabaseExists } from "./src/migration-adapter";

// why: Prisma 6.19 needs DATABASE_URL even for `generate` (toolchain.md G2/G3); the default is the
// local development database that `npm start` uses when pointed at a Postgres server.
// eslint-disable-next-line no-restricted-syntax -- the Prisma CLI's own configuration entry point
const databaseUrl = (process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/clawfleet_dev");

export default defineConfig({
  experimental: { adapter: true },
  // why: the JS engine runs the schema engine bundled as WASM; native engines cannot be downloaded here.
  engine: "js",
  adapter: async () => {
    await ensureDatabaseExists(databaseUrl);
    return createMigrationAdapter(databaseUrl);
  },
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations", seed: "tsx ../../prisma/seed.ts" },
});
