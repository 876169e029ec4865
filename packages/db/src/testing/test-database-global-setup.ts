import type { TestProject } from "vitest/node";
import { createMigratedDatabase, dropDatabases, newRunId } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = newRunId();
  const template = `${runId}_tpl`;
  await createMigratedDatabase(template);
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabases(runId);
  };
}
