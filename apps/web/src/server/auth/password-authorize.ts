import "server-only";
import { cookies } from "next/headers";
import {
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  DEVICE_COOKIE_NAME,
  issueDeviceCookie,
  verifyDeviceCookie,
} from "@clawfleet/services/sessions/device-cookie";
import {
  SIGN_IN_REFUSED,
  type SignedInUser,
  signInWithPassword,
} from "@clawfleet/services/sessions/password-sign-in";
import { db } from "../db";
import { serverEnv } from "../env";
import { clientAddressOf } from "../http/client-address";

/** The request as next-auth v4 hands it to `authorize`: plain lower-cased headers. */
type AuthorizeRequest = { headers?: Record<string, unknown> };

/**
 * The credentials provider's `authorize`: the throttled password check, then a fresh device cookie for this
 * browser (HttpOnly, signed, bound to the account) so its owner keeps an allowance of their own. A refusal
 * throws the message the sign-in form shows: the generic one, or when to try again.
 */
export async function authorizePassword(
  credentials: { email?: string; password?: string } | undefined,
  request: AuthorizeRequest,
): Promise<SignedInUser> {
  const email = credentials?.email ?? "";
  const password = credentials?.password ?? "";
  if (!email || !password) throw new Error(SIGN_IN_REFUSED);
  const secret = serverEnv().NEXTAUTH_SECRET;
  const cookieStore = await cookies();
  const headerValue = (name: string) => {
    const value = request.headers?.[name];
    return typeof value === "string" ? value : null;
  };
  const result = await signInWithPassword(
    { db: db(), now: () => new Date() },
    {
      email,
      password,
      clientAddress: clientAddressOf({ get: headerValue }),
      knownDeviceId: verifyDeviceCookie(secret, cookieStore.get(DEVICE_COOKIE_NAME)?.value, email),
      requestId: crypto.randomUUID(),
    },
  );
  if (result.outcome !== "signed-in") throw new Error(result.message);
  cookieStore.set(DEVICE_COOKIE_NAME, issueDeviceCookie(secret, result.user.email), {
    httpOnly: true,
    sameSite: "lax",
    // why: Secure whenever the browser reached us over https (its Origin says so); plain http on loopback works.
    secure: headerValue("origin")?.startsWith("https://") ?? false,
    // Only the sign-in callback reads it.
    path: "/api/auth",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
  return result.user;
}
