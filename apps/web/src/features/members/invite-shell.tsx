"use client";

/** The frame, fields and hand-over to the console shared by the invite page and the sign-up page. */
import type { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Notice } from "~/components/ui/notice";

/** Must match the server's ACTIVE_TEAM_COOKIE: the team a session acts in (checked against memberships). */
const ACTIVE_TEAM_COOKIE = "clawfleet-team";

export const inputClass =
  "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 dark:border-zinc-700 dark:bg-zinc-950";

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 p-6 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        {children}
      </div>
    </main>
  );
}

/** A labelled input whose hint and error sit outside the label, so the input's name stays the label alone. */
export function AccountField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function enterConsole(router: ReturnType<typeof useRouter>, teamId: string) {
  document.cookie = `${ACTIVE_TEAM_COOKIE}=${teamId}; path=/; samesite=lax`;
  router.replace("/");
  router.refresh();
}

/** The page's title, what the person is joining as, and the last problem, if any. */
export function InviteHeading({
  title,
  problem,
  children,
}: {
  title: string;
  problem: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">{children}</p>
      {problem ? (
        <div className="mt-3">
          <Notice tone="error">{problem}</Notice>
        </div>
      ) : null}
    </>
  );
}

/** A link that is still loading, or cannot be used and says why. */
export function LinkStatus({ unusable }: { unusable: { title: string; message?: string } | null }) {
  return (
    <Shell>
      {unusable ? (
        <>
          <h1 className="text-lg font-semibold">{unusable.title}</h1>
          <div className="mt-3">
            <Notice tone="error">{unusable.message}</Notice>
          </div>
          <a href="/login" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
            Go to sign in
          </a>
        </>
      ) : (
        <div
          aria-label="Loading the link"
          className="h-24 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60"
        />
      )}
    </Shell>
  );
}
