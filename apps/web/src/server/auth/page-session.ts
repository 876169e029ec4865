import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInPathReturningTo } from "@clawfleet/core/sessions/return-path";
import { REQUESTED_PAGE_HEADER } from "../http/requested-page";
import { authOptions } from "./auth-options";

/** For console pages: the signed-in session, or a redirect to sign-in that comes back to this page. */
export async function requirePageSession() {
  const session = await getServerSession(authOptions());
  if (!session?.userId) redirect(signInPathReturningTo((await headers()).get(REQUESTED_PAGE_HEADER) ?? "/"));
  return session;
}
