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
      group: ["@prisma/*", "prisma", "pg", "@clawfleet/db/*", "@clawfleet/web/*"],
      message: "core is pure: persistence belongs in packages/db.",
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
  ],
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.turbo/**",
      "**/.cache/**",
      "**/.data/**",
      "**/src/generated/**",
      "**/next-env.d.ts",
      "**/*.config.{js,mjs,cjs}",
      "**/*.mjs",
      "**/*.cjs",
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
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read env in one module per package (env.ts / the CLI entry) and pass values in.",
        },
      ],
    },
  },
  {
    files: ["packages/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", bannedInCore],
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
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "core reads no clock: take `now` as a parameter.",
        },
      ],
    },
  },
  {
    files: ["packages/db/**/*.ts"],
    rules: { "no-restricted-imports": ["error", bannedInDb] },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    ignores: ["apps/web/src/server/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "@clawfleet/db/*", "pg"],
              message: "Only apps/web/src/server touches the database layer; UI talks to it through tRPC.",
            },
          ],
        },
      ],
    },
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
