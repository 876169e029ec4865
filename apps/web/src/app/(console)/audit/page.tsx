import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLogView } from "~/features/audit/audit-log-view";
import { RoleGate } from "~/features/session/role-gate";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <RoleGate required="admin" title="Audit log">
      <Suspense>
        <AuditLogView />
      </Suspense>
    </RoleGate>
  );
}
