import { Button } from "./button";

/** Previous / next paging with the position in words; the buttons disable themselves at either end. */
export function PaginationNav({
  page,
  pageCount,
  onPage,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}) {
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-end gap-2">
      <span className="text-zinc-500 dark:text-zinc-400">
        Page {page} of {pageCount}
      </span>
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <Button variant="secondary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </nav>
  );
}
