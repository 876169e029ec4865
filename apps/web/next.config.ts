import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY } from "./src/server/http/content-security-policy";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // why: the security harness found no HSTS (checklist B4.4). Browsers ignore it over plain http, so it is
  // safe on loopback and takes effect as soon as the console is served over TLS.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const config: NextConfig = {
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  transpilePackages: ["@clawfleet/core", "@clawfleet/db", "@clawfleet/services"],
  // why: Prisma's WASM query compiler, pg and the argon2 native addon must load from node_modules at run time.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  typedRoutes: false,
  // why: the build type-checks what ships; tests are type-checked by `npm run typecheck` (tsconfig.json).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  headers() {
    return Promise.resolve([
      { source: "/:path*", headers: securityHeaders },
      // Pages get a per-request policy with a script nonce from src/proxy.ts.
      {
        source: "/api/:path*",
        headers: [
          { key: "Cache-Control", value: "no-store" },
          { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY },
        ],
      },
    ]);
  },
};

export default config;
