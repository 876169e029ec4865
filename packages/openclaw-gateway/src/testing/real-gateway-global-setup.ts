// One real Gateway for the whole suite (it takes 8–40 s and about 1 GB to start): started before the first test
// file, handed to the tests through vitest's provide/inject, stopped (SIGTERM) and its temp dir removed at the end.
import type { TestProject } from "vitest/node";
import { startRealGateway, type RealGateway } from "./real-gateway";

declare module "vitest" {
  export interface ProvidedContext {
    realGateway: Omit<RealGateway, "stop">;
  }
}

export default async function setup(project: TestProject) {
  const startedAt = Date.now();
  const gateway = await startRealGateway();
  console.log(`real OpenClaw Gateway ${gateway.version} said hello after ${Date.now() - startedAt} ms`);
  const { stop, ...running } = gateway;
  project.provide("realGateway", running);
  return stop;
}
