import type { Metadata } from "next";
import { InviteAcceptance } from "~/features/members/invite-acceptance";
import { oidcSettings, serverEnv } from "~/server/env";
import { TRPCReactProvider } from "~/trpc/react";

export const metadata: Metadata = { title: "Join a team", referrer: "no-referrer" };

/** Public: the link's token is the credential. The page itself reads nothing until the client asks. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <InviteAcceptance token={token} ssoName={oidcSettings(serverEnv())?.name ?? null} />
    </TRPCReactProvider>
  );
}
