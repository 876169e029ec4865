import type { Metadata } from "next";
import { CredentialList } from "~/features/credentials/credential-list";

export const metadata: Metadata = { title: "Credentials" };

export default function CredentialsPage() {
  return <CredentialList />;
}
