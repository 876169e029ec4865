// What the host agent's tests need to run the real CLI against the suite's real Gateway (started once by
// packages/openclaw-gateway's global setup): a `openclaw` launcher on disk and the Gateway's environment.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { OPENCLAW_EMBEDDING_ENV } from "@clawfleet/openclaw-gateway/testing/real-gateway";
// why: brings in the `realGateway` entry of vitest's ProvidedContext that the global setup declares.
import type {} from "@clawfleet/openclaw-gateway/testing/real-gateway-global-setup";

export const realGateway = () => inject("realGateway");

/** An executable `openclaw` that runs the cached CLI with Node 24, as `openclaw` on a host's PATH would. */
export function openClawLauncher(): string {
  const gateway = realGateway();
  const dir = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-bin-"));
  const launcher = join(dir, "openclaw");
  writeFileSync(launcher, `#!/bin/sh\nexec '${gateway.node}' '${gateway.openclawMjs}' "$@"\n`);
  chmodSync(launcher, 0o755);
  return launcher;
}

/** The Gateway's own environment: the agent inherits it on a host, so its CLI runs see the same state. */
export function gatewayEnvironment(): Record<string, string | undefined> {
  const gateway = realGateway();
  return {
    PATH: process.env.PATH,
    HOME: gateway.home,
    OPENCLAW_STATE_DIR: gateway.stateDir,
    OPENCLAW_GATEWAY_TOKEN: gateway.token,
    ...OPENCLAW_EMBEDDING_ENV,
  };
}
