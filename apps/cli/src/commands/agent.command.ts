// `clawfleet agent …`: the host agent (apps/host-agent) under the project's CLI, for a host that has the repository
// checked out. It is the same program as the standalone `clawfleet-agent`; only the process edge differs.
import { main as hostAgentMain } from "@clawfleet/host-agent/main";
import { readProcessStdin } from "@clawfleet/host-agent/process-stdin";
import type { CliIo } from "../cli-io";

export async function runAgentCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  try {
    return await hostAgentMain(argv, {
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      now: io.now,
      readStdin: readProcessStdin,
      fetch: globalThis.fetch,
      random: () => Math.random(),
      stop: stopping.signal,
    });
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
  }
}
