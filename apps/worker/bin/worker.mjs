#!/usr/bin/env node
// why: workspace packages ship TypeScript sources (no build step), so the worker registers tsx's loader
// before importing its entry point. The process environment is handed over here, at the process edge.
import { register } from "tsx/esm/api";

register();
const { runWorker } = await import("../src/main.ts");
process.exitCode = await runWorker({ env: process.env });
