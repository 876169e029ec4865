import { z } from "zod";

/** Paths as the gateway host sees them; no control characters, since they end up in status output. */
const hostPathSchema = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(500, `${label} is at most 500 characters.`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${label} must not contain control characters.`);

/** The fields of a gateway an admin edits; creating a gateway takes the same fields. */
export const gatewayEditSchema = z.object({
  name: z
    .string()
    .trim()
    // why: abort, so an empty name reads "Name is required." alone, not also the character rule.
    .min(1, { error: "Name is required.", abort: true })
    .max(80, "Name is at most 80 characters.")
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
      "Name starts with a letter or digit and uses letters, digits, spaces, '.', '_' or '-'.",
    ),
  stateDir: hostPathSchema("State dir").refine(
    (value) => value.startsWith("/") || value.startsWith("~"),
    "State dir is an absolute path or starts with ~ (e.g. ~/.openclaw).",
  ),
  homeDir: hostPathSchema("Home dir").refine(
    (value) => value.startsWith("/"),
    "Home dir is an absolute path (e.g. /home/openclaw).",
  ),
  openclawVersion: z
    .string()
    .trim()
    .regex(
      /^\d{4}\.\d{1,2}\.\d{1,2}(?:[-+][0-9A-Za-z.-]+)?$/,
      "Use OpenClaw's version format, e.g. 2026.9.6.",
    ),
});
export type GatewayEdit = z.infer<typeof gatewayEditSchema>;
