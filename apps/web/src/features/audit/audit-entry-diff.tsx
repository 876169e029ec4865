import { diffAuditSnapshots } from "@clawfleet/core/audit/audit-diff";
import { ColumnHeaders } from "~/components/ui/column-headers";

function display(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

const kindLabels = { added: "added", removed: "removed", changed: "changed", unchanged: "same" } as const;
const kindTones = {
  added: "text-emerald-800 dark:text-emerald-300",
  removed: "text-red-800 dark:text-red-300",
  changed: "text-amber-800 dark:text-amber-300",
  unchanged: "text-zinc-500 dark:text-zinc-400",
} as const;

/** The redacted before/after of one audit entry, field by field; the change kind is spelled out in words. */
export function AuditEntryDiff({ before, after }: { before: unknown; after: unknown }) {
  const fields = diffAuditSnapshots(before, after);
  if (fields.length === 0) return <p className="text-zinc-500 dark:text-zinc-400">No snapshot recorded.</p>;
  return (
    <table className="w-full table-fixed text-left text-sm">
      <ColumnHeaders
        columns={[
          { label: "Field", className: "w-1/4" },
          { label: "Change", className: "w-20" },
          "Before",
          "After",
        ]}
      />
      <tbody>
        {fields.map((field) => (
          <tr key={field.path} className="border-t border-zinc-100 align-top dark:border-zinc-800">
            <th scope="row" className="py-1 pr-2 font-mono text-xs font-normal break-all">
              {field.path}
            </th>
            <td className={`py-1 pr-2 text-xs font-medium ${kindTones[field.kind]}`}>
              {kindLabels[field.kind]}
            </td>
            <td className="py-1 pr-2 font-mono text-xs break-all">
              {field.kind === "added" ? "—" : display(field.before)}
            </td>
            <td className="py-1 font-mono text-xs break-all">
              {field.kind === "removed" ? "—" : display(field.after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
