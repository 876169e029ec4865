import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthMatrixView } from "~/features/auth-matrix/auth-matrix-view";

export const metadata: Metadata = { title: "Auth matrix" };

export default function AuthMatrixPage() {
  return (
    <Suspense>
      <AuthMatrixView />
    </Suspense>
  );
}
