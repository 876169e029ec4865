const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/**
 * A sortable column header: a button that toggles the direction (starting descending with `descFirst`,
 * e.g. for "worst first"), with `aria-sort` on the header when the column is the sort.
 */
export function SortHeader({
  label,
  direction,
  onSort,
  descFirst = false,
  className = "",
}: {
  label: string;
  direction: "asc" | "desc" | null;
  onSort: (direction: "asc" | "desc") => void;
  descFirst?: boolean;
  className?: string;
}) {
  const next = direction === null ? (descFirst ? "desc" : "asc") : direction === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      aria-sort={direction ? ARIA_SORT[direction] : undefined}
      className={`font-medium ${className}`}
    >
      <button
        type="button"
        onClick={() => onSort(next)}
        className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        {label}
        <span aria-hidden="true">{direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}</span>
      </button>
    </th>
  );
}
