import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import "./globals.css";

// Every page depends on the session and live data, so nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Clawfleet", template: "%s · Clawfleet" },
  description: "Admin console for fleets of OpenClaw agents",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-sm text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {children}
        {/* Completed mutations announce themselves here (polite live region); "system" follows the OS theme like
            the rest of the console. */}
        <Toaster theme="system" richColors closeButton position="bottom-right" />
      </body>
    </html>
  );
}
