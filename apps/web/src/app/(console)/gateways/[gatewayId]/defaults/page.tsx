import type { Metadata } from "next";
import { GatewayDefaultsEditor } from "~/features/gateways/gateway-defaults-editor";

export const metadata: Metadata = { title: "Gateway defaults" };

export default async function GatewayDefaultsPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const { gatewayId } = await params;
  return <GatewayDefaultsEditor gatewayId={gatewayId} />;
}
