import type { Metadata } from "next";
import { ReauthRequestList } from "~/features/reauth/reauth-request-list";
import { WebhookSettings } from "~/features/reauth/webhook-settings";

export const metadata: Metadata = { title: "Re-auth requests" };

export default function ReauthPage() {
  return (
    <div className="max-w-6xl space-y-6">
      <ReauthRequestList />
      <WebhookSettings />
    </div>
  );
}
