import type { AuditEventRecord } from "./audit-event";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "time",
  "actor",
  "actorId",
  "action",
  "targetType",
  "targetId",
  "requestId",
  "before",
  "after",
] as const;

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab / carriage return) as a formula; a leading
 * apostrophe makes it text (OWASP "CSV injection").
 */
function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote fields holding a comma, quote, CR or LF, doubling the quotes inside. */
export function csvField(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function jsonCell(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(",")}\r\n`;
}

/** One CRLF-terminated CSV record per event; times in UTC ISO 8601. */
export function auditCsvRows(events: readonly AuditEventRecord[]): string {
  return events
    .map(
      (event) =>
        [
          event.id,
          event.createdAt.toISOString(),
          event.actorLabel,
          event.actorId ?? "",
          event.action,
          event.targetType,
          event.targetId,
          event.requestId,
          jsonCell(event.before),
          jsonCell(event.after),
        ]
          .map(csvField)
          .join(",") + "\r\n",
    )
    .join("");
}

/** The JSON export's shape for one event: the record with its time as UTC ISO 8601. */
export function auditJsonEntry(event: AuditEventRecord) {
  return { ...event, createdAt: event.createdAt.toISOString() };
}
