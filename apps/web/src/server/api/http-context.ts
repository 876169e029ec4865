import "server-only";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { authOptions } from "../auth/auth-options";
import { db, secretBox } from "../db";
import { clientAddressOf } from "../http/client-address";
import { consoleMail } from "../mail";
import { type Context, createContextInner } from "./context";

export const ACTIVE_TEAM_COOKIE = "clawfleet-team";

/** The context of a real request: session from the next-auth cookie, team choice from our cookie. */
export async function createHttpContext(): Promise<Context> {
  const session = await getServerSession(authOptions());
  const cookieStore = await cookies();
  return createContextInner({
    db: db(),
    secretBox: secretBox(),
    session: session?.userId ? { userId: session.userId, authTime: session.authTime } : null,
    requestedTeamId: cookieStore.get(ACTIVE_TEAM_COOKIE)?.value ?? null,
    clientAddress: clientAddressOf(await headers()),
    mail: consoleMail(),
  });
}
