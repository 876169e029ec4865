/** Whether an answer from OpenClaw (untyped JSON) is a plain object, so its fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
