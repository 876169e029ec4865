import type { Metadata } from "next";
import { SignUpForm } from "~/features/members/sign-up-form";
import { TRPCReactProvider } from "~/trpc/react";

export const metadata: Metadata = { title: "Create your account", referrer: "no-referrer" };

/** Public: the mailed link's token is the credential, and proves the invitee reads the invited mailbox. */
export default async function SignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <SignUpForm signUpToken={token} />
    </TRPCReactProvider>
  );
}
