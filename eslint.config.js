// One flat config for the monorepo: type-aware rules everywhere, plus the import boundaries that keep
// core pure, Prisma inside db, and Next/tRPC/React inside web.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeIoModules = [
  "fs",
  "path",
  "child_process",
  "net",
  "http",
  "https",
  "os",
  "crypto",
  "process",
  "worker_threads",
  "dgram",
  "tls",
];
const bannedInCore = {
  patterns: [
    {
      group: ["@prisma/*", "prisma", "pg", "@clawfleet/db/*", "@clawfleet/services/*", "@clawfleet/web/*"],
      message: "core is pure: persistence belongs in packages/db, use cases in packages/services.",
    },
    {
      group: ["next", "next/*", "next-auth", "next-auth/*", "@trpc/*", "react", "react-dom", "@tanstack/*"],
      message: "core is pure: transport and UI belong in apps/web.",
    },
    {
      group: [...nodeIoModules, ...nodeIoModules.map((m) => `node:${m}`), "node:fs/*"],
      message: "core does no I/O: the caller reads files, clocks and env and passes values in.",
    },
  ],
};
const bannedInDb = {
  patterns: [
    {
      group: [
        "next",
        "next/*",
        "next-auth",
        "next-auth/*",
        "@trpc/*",
        "react",
        "react-dom",
        "@clawfleet/web/*",
      ],
      message: "db is a persistence adapter: transport and UI belong in apps/web.",
    },
    {
      group: ["@clawfleet/services/*"],
      message:
        "db is persistence only and services depend on it, not the reverse: put the decision or workflow in packages/services and keep the query here.",
    },
  ],
};

// Prisma stops at packages/db: every other package talks to the database through its repositories.
const prismaOutsideDb = {
  patterns: [
    {
      group: ["@prisma/*", "prisma", "@clawfleet/db/generated/*"],
      message:
        "Prisma stays inside packages/db: add or extend a repository function there (`*.repository.ts`, taking the client or a transaction first) and call it.",
    },
  ],
  paths: [
    {
      name: "@clawfleet/db/client",
      importNames: ["Prisma"],
      message:
        "Prisma types and `where`/`data` objects stay inside packages/db: give the repository function a typed parameter instead.",
    },
  ],
};

const bannedInServices = {
  group: [
    "next",
    "next/*",
    "next-auth*",
    "@trpc/*",
    "react*",
    "server-only",
    "@clawfleet/web/*",
    "@clawfleet/cli/*",
  ],
  message:
    "packages/services holds use cases shared by web, CLI and worker: no Next, tRPC, React or server-only here. Throw core's DomainError (apps/web translates it) and put transport code in apps/web.",
};

// The apps compose: they open the client and the secret box at their composition root and call use cases.
// Code that runs apart from the console (the Gateway client, the host agent) uses none of its parts or frameworks.
const consoleSideModules = [
  "@clawfleet/db",
  "@clawfleet/db/*",
  "@clawfleet/services",
  "@clawfleet/services/*",
  "@clawfleet/web/*",
  "@clawfleet/cli/*",
  "@clawfleet/worker/*",
  "pg",
  "next",
  "next/*",
  "next-auth*",
  "@trpc/*",
  "react*",
];
const bannedInOpenClawGateway = {
  group: consoleSideModules,
  message:
    "packages/openclaw-gateway only talks to an OpenClaw Gateway: it may import core, nothing else of ours. The use case that needs a Gateway (services, the host agent) composes it.",
};
// The host agent runs on a gateway host, far from the console's database: it talks to the console over HTTPS only.
const bannedInHostAgent = {
  group: consoleSideModules,
  message:
    "apps/host-agent runs on the gateway host and reaches the console only through the host channel (core's connector/host-channel.ts): it may import core and openclaw-gateway, never the console's db, services or apps.",
};
const databaseLayerFromApps = {
  group: ["@clawfleet/db/*", "!@clawfleet/db/client", "!@clawfleet/db/secret-box"],
  message:
    "apps call use cases in packages/services (add one there; a read that needs no decision can be a thin function calling the repository). Only the composition root opens @clawfleet/db/client and @clawfleet/db/secret-box.",
};
const databaseLayerFromAppTests = {
  ...databaseLayerFromApps,
  // why: a re-included folder, not `…/testing/*`: gitignore patterns cannot re-include a file under an excluded folder.
  group: [...databaseLayerFromApps.group, "!@clawfleet/db/testing", "!@clawfleet/db/demo"],
  message: `${databaseLayerFromApps.message} Tests may also use the db test helpers (@clawfleet/db/testing/*) and the demo seed (@clawfleet/db/demo/*).`,
};

function restrictedImports(...rules) {
  return [
    "error",
    {
      patterns: rules.flatMap((rule) => rule.patterns ?? [rule]),
      paths: rules.flatMap((rule) => rule.paths ?? []),
    },
  ];
}

const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read env in one module per package (env.ts / the CLI entry) and pass values in.",
};
// `db.agent…`, `tx.agent…`, `ctx.db.agent…`, `db().agent…`: a Prisma delegate used outside packages/db. Passing
// the client on (`findAgentById(ctx.db, …)`) is fine; closing it (`db.$disconnect()`) too.
const prismaDelegateMessage =
  "Database access stays inside packages/db: call a repository function with the client (`findX(db, …)`), or a use case in packages/services.";
const prismaClientNames = "/^(db|tx|prisma)$/";
const prismaDelegates = [
  `MemberExpression[object.type='Identifier'][object.name=${prismaClientNames}][property.name!='$disconnect']`,
  `MemberExpression[object.type='MemberExpression'][object.property.name=${prismaClientNames}][property.name!='$disconnect']`,
  `MemberExpression[object.type='CallExpression'][object.callee.name=${prismaClientNames}][property.name!='$disconnect']`,
].map((selector) => ({ selector, message: prismaDelegateMessage }));
const coreClock = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0]",
  message: "core reads no clock: take `now` as a parameter.",
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.turbo/**",
      "**/.cache/**",
      // The host agent's standalone bundle (npm run -w @clawfleet/host-agent pack).
      "apps/host-agent/dist/**",
      // The compiled CLI (npm run -w @clawfleet/cli build).
      "apps/cli/dist/**",
      "**/.data/**",
      // Real OpenClaw captures copied from ../shared, kept byte for byte (their scripts are OpenClaw's tooling).
      "fixtures/**",
      "**/src/generated/**",
      "**/next-env.d.ts",
      "**/*.config.{js,mjs,cjs}",
      // The command-line scripts are linted (below, with tsconfig.tooling.json); other .mjs/.cjs are the
      // bin shims of the apps (three lines each).
      "apps/*/bin/*.mjs",
      // …except the CLI's check of its compiled bundle, which is more than a shim.
      "!apps/cli/bin/bundle-freshness.mjs",
      "e2e/test-results/**",
      "e2e/playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-definitions": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
      "no-restricted-syntax": ["error", processEnv],
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["packages/db/**"],
    rules: {
      "no-restricted-imports": restrictedImports(prismaOutsideDb),
      "no-restricted-syntax": ["error", processEnv, ...prismaDelegates],
    },
  },
  {
    files: ["packages/core/**/*.ts"],
    rules: {
      "no-restricted-imports": restrictedImports(bannedInCore),
      "no-restricted-globals": [
        "error",
        { name: "process", message: "core reads no env or process state." },
        { name: "fetch", message: "core does no I/O." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "core reads no clock: take `now` as a parameter." },
        {
          object: "Math",
          property: "random",
          message: "core is deterministic: take randomness as a parameter.",
        },
      ],
    },
  },
  {
    files: ["packages/core/**/*.ts"],
    ignores: ["packages/core/**/*.test.ts", "packages/core/bench/**"],
    rules: { "no-restricted-syntax": ["error", processEnv, ...prismaDelegates, coreClock] },
  },
  {
    files: ["packages/db/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports(bannedInDb) },
  },
  {
    files: ["packages/services/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports(prismaOutsideDb, bannedInServices) },
  },
  {
    files: ["packages/openclaw-gateway/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports(prismaOutsideDb, bannedInOpenClawGateway) },
  },
  {
    files: ["apps/host-agent/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports(prismaOutsideDb, bannedInHostAgent) },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}", "apps/cli/src/**/*.ts"],
    rules: { "no-restricted-imports": restrictedImports(prismaOutsideDb, databaseLayerFromApps) },
  },
  {
    files: ["apps/web/src/**/*.test.ts", "apps/web/src/server/testing/**/*.ts", "apps/cli/src/**/*.test.ts"],
    rules: { "no-restricted-imports": restrictedImports(prismaOutsideDb, databaseLayerFromAppTests) },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    ignores: ["apps/web/src/server/**"],
    rules: {
      "no-restricted-imports": restrictedImports(prismaOutsideDb, {
        group: ["@clawfleet/db/*", "@clawfleet/services/*", "pg"],
        message:
          "Only apps/web/src/server calls use cases and opens the database; UI talks to it through tRPC.",
      }),
    },
  },
  {
    // Tooling outside the workspaces (start, tests, bench): type-checked through tsconfig.tooling.json.
    files: [
      "scripts/**/*.mjs",
      "scripts/**/*.ts",
      "bench/**/*.ts",
      "packages/db/scripts/*.cjs",
      "e2e/*.mjs",
      "apps/web/server.mjs",
    ],
    languageOptions: {
      parserOptions: { projectService: false, project: ["./tsconfig.tooling.json"] },
    },
    // why: TypeScript (checkJs) already reports undefined names, with Node's globals known.
    rules: { "no-undef": "off" },
  },
  {
    // The web tier's server: its own project, as Next's types (which it imports) would change the tooling's.
    // An entry point, like the CLI's: it reads HOST and PORT.
    files: ["apps/web/server.mjs"],
    languageOptions: {
      parserOptions: { projectService: false, project: ["./apps/web/tsconfig.server.json"] },
    },
    rules: { "no-undef": "off", "no-restricted-syntax": "off" },
  },
  {
    files: ["packages/db/scripts/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: [
      "**/*.test.ts",
      "**/*.spec.ts",
      "**/test/**/*.ts",
      "**/testing/**/*.ts",
      "scripts/**",
      "**/bench/**",
      "e2e/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
