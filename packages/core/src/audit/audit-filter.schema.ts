import { z } from "zod";

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().max(max, `At most ${max} characters.`).optional(),
  );

const optionalDate = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.coerce.date({ error: "Enter a valid date and time." }).optional(),
);

/** What the audit log can be narrowed by; the page, the list procedure and the export share it. */
export const auditFilterSchema = z
  .object({
    /** Part of the actor's email (or "system"), case-insensitive. */
    actor: optionalText(200),
    action: optionalText(80),
    targetType: optionalText(60),
    targetId: optionalText(200),
    from: optionalDate,
    to: optionalDate,
  })
  .refine((filter) => !filter.from || !filter.to || filter.from.getTime() <= filter.to.getTime(), {
    path: ["to"],
    message: "The end of the time range is before its start.",
  });
export type AuditFilter = z.infer<typeof auditFilterSchema>;
