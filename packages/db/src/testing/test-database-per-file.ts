import { inject } from "vitest";
import { createDatabaseFromTemplate } from "./test-database";

// One database per test file, copied from the run's migrated template; the global teardown drops it.
const template = inject("templateDatabase");
const fileDatabase = `${template.replace(/_tpl$/, "")}_f${Math.random().toString(36).slice(2, 10)}`;

process.env.DATABASE_URL = await createDatabaseFromTemplate(fileDatabase, template);
