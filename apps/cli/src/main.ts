/** Entry point of `clawfleet`; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  await Promise.resolve();
  process.stderr.write(`clawfleet: unknown command: ${argv.join(" ")}\n`);
  return 2;
}
