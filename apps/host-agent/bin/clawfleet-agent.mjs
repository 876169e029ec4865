#!/usr/bin/env node
// why: workspace packages ship TypeScript sources, so this shim registers tsx before the entry point. The standalone
// tarball (`npm run pack`) bundles src/bin.ts instead and needs no loader.
import { register } from "tsx/esm/api";

register();
await import("../src/bin.ts");
