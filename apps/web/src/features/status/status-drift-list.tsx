"use client";

import type { StatusDifference } from "@clawfleet/core/status-drift/diff-models-status";

function compact(value: unknown): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function kindText(kind: StatusDifference["kind"], leftLabel: string, rightLabel: string): string {
  if (kind === "added") return `only in ${rightLabel}`;
  if (kind === "removed") return `only in ${leftLabel}`;
  return "differs";
}

/** Differing fields as a table: path, what kind of difference, and both values. */
export function StatusDriftList({
  differences,
  leftLabel,
  rightLabel,
  caption,
}: {
  differences: readonly StatusDifference[];
  leftLabel: string;
  rightLabel: string;
  caption: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left">
        <caption className="px-3 py-2 text-left font-medium">{caption}</caption>
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {["Field", "Difference", leftLabel, rightLabel].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {differences.map((difference) => (
            <tr
              key={`${difference.kind}:${difference.path}`}
              className="border-t border-zinc-100 align-top dark:border-zinc-800"
            >
              <td className="px-3 py-1.5 font-mono text-xs">{difference.path}</td>
              <td className="px-3 py-1.5">{kindText(difference.kind, leftLabel, rightLabel)}</td>
              <td className="px-3 py-1.5 font-mono text-xs break-all">{compact(difference.left)}</td>
              <td className="px-3 py-1.5 font-mono text-xs break-all">{compact(difference.right)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
