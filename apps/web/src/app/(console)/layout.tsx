import type { ReactNode } from "react";
import { ConsoleShell } from "~/features/session/console-shell";
import { requirePageSession } from "~/server/auth/page-session";
import { TRPCReactProvider } from "~/trpc/react";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  await requirePageSession();
  return (
    <TRPCReactProvider>
      <ConsoleShell>{children}</ConsoleShell>
    </TRPCReactProvider>
  );
}
