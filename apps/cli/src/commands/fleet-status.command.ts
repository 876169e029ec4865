import { fleetCheckExitCode } from "@clawfleet/core/fleet/fleet-status";
import { readFleetStatus } from "@clawfleet/services/statuses/fleet-summary";

import { parseArgv } from "../argv-parser";
import type { CliIo } from "../cli-io";
import { FLEET_STATUS_USAGE } from "../command-usage";
import { openConsoleDatabase } from "../console-database";

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * `clawfleet fleet status`: the console's `--check` roll-up of a team's agents, read from the stored statuses
 * the worker keeps (as the home page does), with the causes grouped. `--check` exits as OpenClaw's `--check`
 * would for the whole fleet: 1 if any agent fails or is refused, else 2 if any expires within 24 h, else 0.
 */
export async function runFleetStatusCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv(argv, { booleans: ["json", "check"], strings: ["team"] });
  if (!parsed.ok || parsed.value.positionals.length > 0) {
    const message = parsed.ok ? `unexpected argument ${parsed.value.positionals[0] ?? ""}` : parsed.message;
    io.stderr(`clawfleet fleet status: ${message}\n${FLEET_STATUS_USAGE}\n`);
    return 1;
  }
  const { booleans, strings } = parsed.value;
  const opened = await openConsoleDatabase(io, strings.get("team"), { needsKey: false });
  if (!opened.ok) {
    io.stderr(`clawfleet fleet status: ${opened.message}\n`);
    return 1;
  }
  const { db, team } = opened.value;
  try {
    const fleet = await readFleetStatus({ db, now: () => new Date(io.now()) }, { teamId: team.id });
    if (booleans.has("json")) io.stdout(`${JSON.stringify(fleet, null, 2)}\n`);
    else {
      const { counts } = fleet;
      const lines = [
        `Team ${team.slug}: ${plural(counts.total, "agent")}`,
        `  ok ${counts.ok} · expiring ${counts.expiring} · failing ${counts.failing} · refused ${counts.refused}`,
        ...(fleet.updating > 0 ? [`  ${plural(fleet.updating, "agent")} updating`] : []),
        ...(fleet.attention.groups.length > 0 ? ["Needs attention:"] : []),
        ...fleet.attention.groups.map(
          (group) => `  - ${plural(group.agentCount, "agent")} · ${group.gatewayName} · ${group.sentence}`,
        ),
        ...(fleet.attention.moreGroups > 0
          ? [`  … ${plural(fleet.attention.moreGroups, "more cause")}`]
          : []),
        ...(fleet.drift.totalAgents > 0
          ? [`Reported differs: ${plural(fleet.drift.totalAgents, "agent")} (see the console's home page)`]
          : []),
      ];
      io.stdout(`${lines.join("\n")}\n`);
    }
    return booleans.has("check") ? fleetCheckExitCode(fleet.counts) : 0;
  } finally {
    await db.$disconnect();
  }
}
