"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { NO_MAIL_MESSAGE } from "@clawfleet/core/access/invitation-status";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";
import { InviteHeading, LinkStatus, Shell, enterConsole, formText, inputClass } from "./invite-shell";

/**
 * The page behind `/invite/<token>`: a new person asks for a sign-up link mailed to the invited address
 * (or uses single sign-on); someone with an account signs in and accepts.
 */
export function InviteAcceptance({ token, ssoName }: { token: string; ssoName: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery(trpc.invitations.preview.queryOptions({ token }, { retry: false }));
  const [problem, setProblem] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requestSignUpLink = useMutation(trpc.invitations.requestSignUpLink.mutationOptions());
  const accept = useMutation(trpc.invitations.accept.mutationOptions());

  if (preview.isPending) return <LinkStatus unusable={null} />;
  if (preview.error || preview.data.status !== "pending")
    return (
      <LinkStatus
        unusable={{
          title: "This invitation cannot be used",
          message: preview.error?.message ?? preview.data?.message,
        }}
      />
    );

  const invitation = preview.data;

  async function emailSignUpLink() {
    setBusy(true);
    setProblem(null);
    try {
      setSentTo((await requestSignUpLink.mutateAsync({ token })).sentTo);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "Sending the link failed. Try again.");
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

  const ssoButton = ssoName ? (
    <Button
      variant="secondary"
      className="w-full"
      onClick={() => void signIn("oidc", { callbackUrl: `/invite/${token}` })}
    >
      Continue with {ssoName}
    </Button>
  ) : null;
  const wrongAccount = invitation.signedInEmail !== null && invitation.signedInEmail !== invitation.email;
  return (
    <Shell>
      <InviteHeading title={`Join ${invitation.teamName} on Clawfleet`} problem={problem}>
        You are invited as <strong>{invitation.role}</strong> for <strong>{invitation.email}</strong>.
      </InviteHeading>

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
          {invitation.signedInEmail ? null : ssoButton}
        </form>
      ) : sentTo ? (
        <div className="mt-4">
          <Notice tone="success">
            We sent a sign-up link to {sentTo}. Open it within 30 minutes to choose your name and password.
          </Notice>
        </div>
      ) : (
        <div className="mt-4 space-y-3">
          {invitation.canSendMail ? (
            <>
              <p className="text-zinc-600 dark:text-zinc-400">
                To create your account, confirm that {invitation.email} is yours: we email you a one-time
                sign-up link.
              </p>
              <Button disabled={busy} className="w-full" onClick={() => void emailSignUpLink()}>
                {busy ? "Sending…" : "Email me a sign-up link"}
              </Button>
            </>
          ) : (
            <Notice tone="warning">{NO_MAIL_MESSAGE}</Notice>
          )}
          {ssoButton}
        </div>
      )}
    </Shell>
  );
}
