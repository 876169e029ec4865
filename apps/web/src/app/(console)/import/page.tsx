import type { Metadata } from "next";
import { Suspense } from "react";
import { ImportWizard } from "~/features/import/import-wizard";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <Suspense>
      <ImportWizard />
    </Suspense>
  );
}
