import type { Metadata } from "next";
import { FleetStatusView } from "~/features/fleet/fleet-status-view";

export const metadata: Metadata = { title: "Fleet status" };

export default function FleetStatusPage() {
  return <FleetStatusView />;
}
