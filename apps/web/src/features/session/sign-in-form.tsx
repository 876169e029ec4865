"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "~/components/ui/button";

const GENERIC_FAILURE = "Email or password is incorrect.";

function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** `returnPath` is the console page to open once signed in, already checked to stay on the console. */
export function SignInForm({ ssoName, returnPath }: { ssoName: string | null; returnPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: formText(form, "email"),
      password: formText(form, "password"),
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(returnPath);
      router.refresh();
      return;
    }
    // The server's message is either the generic refusal or the lockout notice; anything else is generic.
    setError(result?.error && /Too many|incorrect/.test(result.error) ? result.error : GENERIC_FAILURE);
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="mt-6 space-y-4" noValidate>
      <label className="block">
        <span className="font-medium">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 dark:border-zinc-700"
        />
      </label>
      <label className="block">
        <span className="font-medium">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 dark:border-zinc-700"
        />
      </label>
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {ssoName ? (
        <Button
          type="button"
          variant="secondary"
          className="w-full"
          onClick={() => void signIn("oidc", { callbackUrl: returnPath })}
        >
          Continue with {ssoName}
        </Button>
      ) : null}
    </form>
  );
}
