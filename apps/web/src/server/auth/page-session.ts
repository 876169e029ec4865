import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./auth-options";

/** For console pages: the signed-in session, or a redirect to the sign-in page. */
export async function requirePageSession() {
  const session = await getServerSession(authOptions());
  if (!session?.userId) redirect("/login");
  return session;
}
