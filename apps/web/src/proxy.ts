import { type NextRequest, NextResponse } from "next/server";
import { pageContentSecurityPolicy } from "./server/http/content-security-policy";
import { REQUESTED_PAGE_HEADER } from "./server/http/requested-page";

/**
 * Gives every page request a fresh CSP nonce. Next.js reads the policy from the request headers and puts the
 * nonce on the scripts it renders (every page is dynamic, see the root layout); the browser gets the same
 * policy on the response.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = pageContentSecurityPolicy(nonce, {
    // eslint-disable-next-line no-restricted-syntax -- Next inlines NODE_ENV at build time; no other env is read
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // why: a console page that finds no session sends the browser to sign-in with this page as `next`; set here
  // (overwriting whatever the client sent) because a server layout cannot read its own URL.
  requestHeaders.set(REQUESTED_PAGE_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes, Next's static files and the favicon carry the static policy of next.config.ts.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
