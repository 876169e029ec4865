/** This agent's version, reported to the console and printed by `--version`; kept equal to package.json (tested). */
export const AGENT_VERSION = "0.1.0";
