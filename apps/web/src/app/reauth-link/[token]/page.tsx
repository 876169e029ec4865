import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { signInPathReturningTo } from "@clawfleet/core/sessions/return-path";
import { ReauthLinkView } from "~/features/reauth/reauth-link-view";
import { authOptions } from "~/server/auth/auth-options";
import { TRPCReactProvider } from "~/trpc/react";

export const metadata: Metadata = { title: "Re-authenticate", referrer: "no-referrer" };

/** The hand-off page. Only signed-in members of the request's team may use a link; the page reads nothing else. */
export default async function ReauthLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await getServerSession(authOptions());
  if (!session?.userId)
    return (
      <main className="flex min-h-screen items-center justify-center bg-zinc-50 p-6 dark:bg-zinc-900">
        <div className="w-full max-w-md space-y-3 rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-950">
          <h1 className="text-lg font-semibold">Sign in to re-authenticate</h1>
          <p>
            This one-time link is for a member of the team that sent it. Sign in, and you come back here (the
            link keeps working until it is used or expires).
          </p>
          <Link
            className="text-sky-700 underline dark:text-sky-400"
            href={signInPathReturningTo(`/reauth-link/${encodeURIComponent(token)}`)}
          >
            Sign in
          </Link>
        </div>
      </main>
    );
  return (
    <TRPCReactProvider>
      <ReauthLinkView token={token} />
    </TRPCReactProvider>
  );
}
