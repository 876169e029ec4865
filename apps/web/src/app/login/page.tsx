import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { returnPathAfterSignIn } from "@clawfleet/core/sessions/return-path";
import { SignInForm } from "~/features/session/sign-in-form";
import { authOptions } from "~/server/auth/auth-options";
import { oidcSettings, serverEnv } from "~/server/env";

// why: `next` may be a one-time hand-off link; it must not leak to anything this page loads.
export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const returnPath = returnPathAfterSignIn(typeof next === "string" ? next : undefined);
  const session = await getServerSession(authOptions());
  if (session?.userId) redirect(returnPath);
  const oidc = oidcSettings(serverEnv());
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 p-6 dark:bg-zinc-900">
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-lg font-semibold">Sign in to Clawfleet</h1>
        <p className="mt-1 text-zinc-500 dark:text-zinc-400">The admin console for your OpenClaw agents.</p>
        <SignInForm ssoName={oidc?.name ?? null} returnPath={returnPath} />
      </div>
    </main>
  );
}
