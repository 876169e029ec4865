import type { Metadata } from "next";
import { Suspense } from "react";
import { CredentialList } from "~/features/credentials/credential-list";

export const metadata: Metadata = { title: "Credentials" };

export default function CredentialsPage() {
  return (
    <Suspense>
      <CredentialList />
    </Suspense>
  );
}
