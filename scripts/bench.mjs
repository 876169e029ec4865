#!/usr/bin/env node
// `npm run bench`: runs every workspace's `bench` script (each prints its own figures).
import { spawnSync } from "node:child_process";

const result = spawnSync("npm", ["run", "bench", "--workspaces", "--if-present"], { stdio: "inherit" });
process.exit(result.status ?? 1);
