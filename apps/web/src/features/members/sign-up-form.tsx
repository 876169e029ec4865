"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { MIN_PASSWORD_LENGTH, newAccountSchema } from "@clawfleet/core/access/membership.schema";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import {
  AccountField,
  InviteHeading,
  LinkStatus,
  Shell,
  enterConsole,
  formText,
  inputClass,
} from "./invite-shell";

/**
 * The page behind the mailed `/sign-up/<token>` link: opening it proved the invitee reads the invited
 * mailbox, so here (and only here) they choose a name and password; the account is created and joins.
 */
export function SignUpForm({ signUpToken }: { signUpToken: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery(trpc.invitations.previewSignUp.queryOptions({ signUpToken }, { retry: false }));
  const [errors, setErrors] = useState<Partial<Record<"name" | "password" | "confirm", string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const acceptAsNewUser = useMutation(trpc.invitations.acceptAsNewUser.mutationOptions());

  if (preview.isPending) return <LinkStatus unusable={null} />;
  if (preview.error || preview.data.status !== "usable")
    return (
      <LinkStatus
        unusable={{
          title: "This sign-up link cannot be used",
          message: preview.error?.message ?? preview.data?.message,
        }}
      />
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
      const joined = await acceptAsNewUser.mutateAsync({ signUpToken, ...parsed.data });
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

  return (
    <Shell>
      <InviteHeading title={`Create your account to join ${invitation.teamName}`} problem={problem}>
        You are joining as <strong>{invitation.role}</strong> with <strong>{invitation.email}</strong>.
      </InviteHeading>
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
    </Shell>
  );
}
