// The usage line of every command, apart from the commands themselves: `clawfleet --help` and an unknown
// command print them all without loading any command (several load the database client when loaded).

export const MODELS_STATUS_USAGE = [
  "Usage: clawfleet models status --from <folder> [--json|--plain|--check] [--agent <id>] [--now <epoch-ms>] [--home <dir>] [--state-dir <dir>]",
  "       clawfleet models status --gateway <name> [--agent <id>] [--team <slug>] [--json|--plain|--check] [--now <epoch-ms>]",
].join("\n");

export const IMPORT_USAGE =
  "Usage: clawfleet import --gateway <name> [--team <slug>] [--home <dir>] [--state-dir <dir>] [--openclaw-version <v>] [--dry-run] [--accept-env-vars-rewrite] <folder>";

export const FLEET_STATUS_USAGE = "Usage: clawfleet fleet status [--team <slug>] [--json] [--check]";

export const AGENT_USAGE =
  "Usage: clawfleet agent <enrol|run|status> [options]   (the host agent; see clawfleet agent --help)";

export const ADMIN_USAGE =
  "Usage: clawfleet admin create --email <email> --team <team name> [--name <your name>]   (password from the terminal or stdin)";
