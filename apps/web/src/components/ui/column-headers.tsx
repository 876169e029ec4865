/** A table's header row: one scoped column header per entry; `hidden` labels are for screen readers only. */
export function ColumnHeaders({
  columns,
}: {
  columns: readonly (string | { label: string; hidden?: boolean; className?: string })[];
}) {
  return (
    <thead className="text-xs text-zinc-500 dark:text-zinc-400">
      <tr>
        {columns.map((column) => {
          const { label, hidden, className } = typeof column === "string" ? { label: column } : column;
          return (
            <th key={label} scope="col" className={`py-1 pr-2 font-medium ${className ?? ""}`}>
              {hidden ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
