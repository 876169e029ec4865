#!/usr/bin/env node
// @ts-check
// Runs a command in a new network namespace that has only loopback, so a real OpenClaw Gateway or CLI started by it
// can reach nothing outside this machine (not its model catalog, not a provider, not DNS). As root it uses
// `unshare -n`; otherwise an unprivileged user namespace (`unshare -rn`) where the kernel allows one. When neither
// works it exits 77 ("skipped") and says why: such a suite never runs unconfined.
//
//   node scripts/loopback-namespace.mjs <command> [args…]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// why 77: the "skipped" status of automake test harnesses, distinct from every failure code used here.
export const NAMESPACE_UNAVAILABLE_EXIT = 77;

/** The `unshare` flags that work for this user, or null with the reason. */
export function namespaceFlags() {
  const attempts = process.getuid?.() === 0 ? [["-n"], ["-rn"]] : [["-rn"]];
  const problems = [];
  for (const flags of attempts) {
    const probe = spawnSync("unshare", [...flags, "sh", "-c", "ip link set lo up"], { encoding: "utf8" });
    if (probe.status === 0) return { flags, reason: null };
    const why = probe.stderr.trim() !== "" ? probe.stderr.trim() : (probe.error?.message ?? "failed");
    problems.push(`unshare ${flags.join(" ")}: ${why}`);
  }
  return { flags: null, reason: problems.join("; ") };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = process.argv.slice(2);
  if (command.length === 0) {
    console.error("usage: node scripts/loopback-namespace.mjs <command> [args…]");
    process.exit(1);
  }
  const { flags, reason } = namespaceFlags();
  if (!flags) {
    console.error(
      `SKIPPED: cannot create a loopback-only network namespace (${reason}). Run as root, or enable unprivileged user namespaces, to run the real-Gateway suite.`,
    );
    process.exit(NAMESPACE_UNAVAILABLE_EXIT);
  }
  const result = spawnSync(
    "unshare",
    [...flags, "sh", "-c", 'ip link set lo up && exec "$@"', "sh", ...command],
    { stdio: "inherit" },
  );
  process.exit(result.status ?? 1);
}
