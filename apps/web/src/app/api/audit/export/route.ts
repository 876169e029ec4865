import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { AuditEventRecord } from "@clawfleet/core/audit/audit-event";
import { auditCsvHeader, auditCsvRows, auditJsonEntry } from "@clawfleet/core/audit/audit-export";
import { auditFilterSchema } from "@clawfleet/core/audit/audit-filter.schema";
import { createHttpContext } from "~/server/api/http-context";
import { createCaller } from "~/server/api/root";
import { AUDIT_PAGE_MAX } from "~/server/api/routers/audit.router";

/** An export stops here; narrow the filter for more. Keeps one request from streaming forever. */
const MAX_EXPORT_ROWS = 100_000;

type Format = "csv" | "json";

const formats = {
  csv: {
    contentType: "text/csv; charset=utf-8",
    open: auditCsvHeader(),
    rows: (events: AuditEventRecord[], _first: boolean) => auditCsvRows(events),
    close: "",
  },
  json: {
    contentType: "application/json; charset=utf-8",
    open: "[",
    rows: (events: AuditEventRecord[], first: boolean) =>
      events
        .map(
          (event, index) => `${first && index === 0 ? "\n" : ",\n"}${JSON.stringify(auditJsonEntry(event))}`,
        )
        .join(""),
    close: "\n]\n",
  },
} as const satisfies Record<Format, unknown>;

function problem(status: number, message: string) {
  return Response.json({ error: { message } }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Downloads the filtered audit trail as CSV or JSON. It reads through the admin-only `audit.page`
 * procedure page by page, so the role check, tenant scope and filter validation are the list's own.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return problem(400, "format must be csv or json.");
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return problem(400, `${issue?.path.join(".") ?? "filter"}: ${issue?.message ?? "invalid"}`);
  }
  const ctx = await createHttpContext();
  const caller = createCaller(ctx);
  const filter = parsed.data;
  let firstPage;
  try {
    firstPage = await caller.audit.page({ filter, limit: AUDIT_PAGE_MAX });
  } catch (error) {
    if (error instanceof TRPCError) return problem(getHTTPStatusCodeFromError(error), error.message);
    throw error;
  }
  const session = await caller.session.current();
  const spec = formats[format];
  const encoder = new TextEncoder();
  let page = firstPage;
  let written = 0;
  let first = true;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(spec.open));
    },
    async pull(controller) {
      const items = page.items.slice(0, MAX_EXPORT_ROWS - written);
      controller.enqueue(encoder.encode(spec.rows(items, first)));
      first = first && items.length === 0;
      written += items.length;
      if (!page.nextCursor || written >= MAX_EXPORT_ROWS) {
        controller.enqueue(encoder.encode(spec.close));
        controller.close();
        return;
      }
      page = await caller.audit.page({ filter, cursor: page.nextCursor, limit: AUDIT_PAGE_MAX });
    },
  });

  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(body, {
    headers: {
      "Content-Type": spec.contentType,
      "Content-Disposition": `attachment; filename="clawfleet-audit-${session.team.slug}-${stamp}.${format}"`,
      "Cache-Control": "no-store",
      "X-Request-Id": ctx.requestId,
    },
  });
}
