"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import { MIN_PASSWORD_LENGTH, newAccountSchema } from "@clawfleet/core/access/membership.schema";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";

/** Must match the server's ACTIVE_TEAM_COOKIE: the team a session acts in (checked against memberships). */
const ACTIVE_TEAM_COOKIE = "clawfleet-team";

const inputClass =
  "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 dark:border-zinc-700 dark:bg-zinc-950";

function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 p-6 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        {children}
      </div>
    </main>
  );
}

/** A labelled input whose hint and error sit outside the label, so the input's name stays the label alone. */
function AccountField({
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

function enterConsole(router: ReturnType<typeof useRouter>, teamId: string) {
  document.cookie = `${ACTIVE_TEAM_COOKIE}=${teamId}; path=/; samesite=lax`;
  router.replace("/");
  router.refresh();
}

/** The page behind `/invite/<token>`: join as a new account, or sign in and accept. */
export function InviteAcceptance({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery(trpc.invitations.preview.queryOptions({ token }, { retry: false }));
  const [errors, setErrors] = useState<Partial<Record<"name" | "password" | "confirm", string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const acceptAsNewUser = useMutation(trpc.invitations.acceptAsNewUser.mutationOptions());
  const accept = useMutation(trpc.invitations.accept.mutationOptions());

  if (preview.isPending)
    return (
      <Shell>
        <div
          aria-label="Loading the invitation"
          className="h-24 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60"
        />
      </Shell>
    );
  if (preview.error || preview.data.status !== "pending")
    return (
      <Shell>
        <h1 className="text-lg font-semibold">This invitation cannot be used</h1>
        <div className="mt-3">
          <Notice tone="error">{preview.error?.message ?? preview.data?.message}</Notice>
        </div>
        <a href="/login" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
          Go to sign in
        </a>
      </Shell>
    );

  const invitation = preview.data;

  async function createAccount(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = newAccountSchema.safeParse({
      name: formText(form, "name"),
      password: formText(form, "password"),
    });
    const nextErrors: typeof errors = parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    if (formText(form, "password") !== formText(form, "confirm"))
      nextErrors.confirm = "The passwords do not match.";
    setErrors(nextErrors);
    if (!parsed.success || nextErrors.confirm) return;
    setBusy(true);
    setProblem(null);
    try {
      const joined = await acceptAsNewUser.mutateAsync({ token, ...parsed.data });
      const signedIn = await signIn("credentials", {
        redirect: false,
        email: joined.email,
        password: parsed.data.password,
      });
      if (!signedIn?.ok || signedIn.error) {
        setProblem("Your account was created, but signing in failed. Sign in with your new password.");
        return;
      }
      enterConsole(router, joined.teamId);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "Joining failed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  async function signInAndAccept(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    try {
      if (!invitation.signedInEmail) {
        const signedIn = await signIn("credentials", {
          redirect: false,
          email: invitation.email,
          password: formText(form, "password"),
        });
        if (!signedIn?.ok || signedIn.error) {
          setProblem(
            signedIn?.error?.includes("Too many") ? signedIn.error : "Email or password is incorrect.",
          );
          return;
        }
      }
      const joined = await accept.mutateAsync({ token });
      enterConsole(router, joined.teamId);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "Accepting failed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const wrongAccount = invitation.signedInEmail !== null && invitation.signedInEmail !== invitation.email;
  return (
    <Shell>
      <h1 className="text-lg font-semibold">Join {invitation.teamName} on Clawfleet</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        You are invited as <strong>{invitation.role}</strong> for <strong>{invitation.email}</strong>.
      </p>
      {problem ? (
        <div className="mt-3">
          <Notice tone="error">{problem}</Notice>
        </div>
      ) : null}

      {wrongAccount ? (
        <div className="mt-4 space-y-3">
          <Notice tone="warning">
            You are signed in as {invitation.signedInEmail}. Sign out, then open this link again to accept as{" "}
            {invitation.email}.
          </Notice>
          <Button variant="secondary" onClick={() => void signOut({ callbackUrl: `/invite/${token}` })}>
            Sign out
          </Button>
        </div>
      ) : invitation.hasAccount ? (
        <form onSubmit={(event) => void signInAndAccept(event)} className="mt-4 space-y-4" noValidate>
          {invitation.signedInEmail ? (
            <p>You are signed in as {invitation.signedInEmail}.</p>
          ) : (
            <label className="block">
              <span className="font-medium">Password for {invitation.email}</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                className={inputClass}
              />
            </label>
          )}
          <Button type="submit" disabled={busy} className="w-full">
            {busy ? "Joining…" : invitation.signedInEmail ? "Accept invitation" : "Sign in and accept"}
          </Button>
        </form>
      ) : (
        <form onSubmit={(event) => void createAccount(event)} className="mt-4 space-y-4" noValidate>
          <AccountField id="invite-name" label="Your name" error={errors.name}>
            <input id="invite-name" name="name" autoComplete="name" required className={inputClass} />
          </AccountField>
          <AccountField
            id="invite-password"
            label="Password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={errors.password}
          >
            <input
              id="invite-password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              className={inputClass}
            />
          </AccountField>
          <AccountField id="invite-confirm" label="Repeat password" error={errors.confirm}>
            <input
              id="invite-confirm"
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              className={inputClass}
            />
          </AccountField>
          <Button type="submit" disabled={busy} className="w-full">
            {busy ? "Joining…" : "Create account and join"}
          </Button>
        </form>
      )}
    </Shell>
  );
}
