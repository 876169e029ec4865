/**
 * A page's search box, labelled for screen readers. `data-page-search` marks it as the page's search, so
 * a keyboard shortcut (`/`) can find and focus it on any page.
 */
export function SearchBar({
  id,
  label,
  placeholder,
  value,
  onChange,
  className = "w-64",
}: {
  id: string;
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        data-page-search=""
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={`rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 dark:border-zinc-700 ${className}`}
      />
    </>
  );
}
