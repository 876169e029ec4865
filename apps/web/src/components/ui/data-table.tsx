"use client";

import {
  type ColumnDef,
  type RowData,
  type SortingState,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";

/** The table features every data table registers: sorting, applied by the server (`manualSorting`). */
export const dataTableFeatures = tableFeatures({ rowSortingFeature });
type Features = typeof dataTableFeatures;

export type DataTableColumn<Row extends RowData> = ColumnDef<Features, Row>;

/** A sort as the table shows it: one column, ascending or descending. */
export type DataTableSort = { id: string; desc: boolean };

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/**
 * A data table over rows the server already filtered, sorted and paged: one header row whose sortable
 * columns are buttons (click toggles the direction; `aria-sort` says the current one), a skeleton while
 * loading, and `empty` when there are no rows. Columns without `enableSorting: false` can be sorted.
 */
export function DataTable<Row extends RowData>({
  label,
  columns,
  rows,
  getRowId,
  sort,
  onSortChange,
  loading = false,
  busy = false,
  empty,
}: {
  label: string;
  columns: DataTableColumn<Row>[];
  rows: Row[];
  getRowId: (row: Row) => string;
  sort: DataTableSort;
  onSortChange: (sort: DataTableSort) => void;
  loading?: boolean;
  busy?: boolean;
  empty?: React.ReactNode;
}) {
  const sorting: SortingState = [sort];
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => getRowId(row),
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const [first] = next;
      if (first) onSortChange({ id: first.id, desc: first.desc });
    },
  });
  const columnCount = table.getAllLeafColumns().length;

  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left" aria-label={label}>
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="px-3 py-2 font-medium"
                    aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-zinc-900 dark:hover:text-zinc-100"
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody aria-busy={busy}>
          {loading
            ? Array.from({ length: 8 }, (_, index) => (
                <tr key={index} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td colSpan={columnCount} className="px-3 py-2">
                    <div className="h-4 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
                  </td>
                </tr>
              ))
            : table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  className="border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900"
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2 align-top">
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 && empty ? (
        <div className="p-8 text-center text-zinc-500 dark:text-zinc-400">{empty}</div>
      ) : null}
    </div>
  );
}
