/** Next.js calls this once when a server instance starts. */
export async function register() {
  // eslint-disable-next-line no-restricted-syntax -- Next's own runtime marker
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { runStartupChecks } = await import("./server/startup-checks");
    await runStartupChecks();
  }
}
