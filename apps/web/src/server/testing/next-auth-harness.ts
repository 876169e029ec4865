/**
 * Drives next-auth with the console's real options from vitest, through its Pages-API entry (the App
 * Router entry reads `next/headers`, which needs a live Next request). A cookie jar plays the browser.
 */
import type { NextAuthOptions, Session } from "next-auth";
import NextAuth, { getServerSession } from "next-auth/next";

export const CONSOLE_ORIGIN = "http://localhost:3400";

export type CookieJar = Map<string, string>;

type FakeResponse = {
  statusCode: number;
  headers: Map<string, unknown>;
  body: unknown;
  status(code: number): FakeResponse;
  setHeader(name: string, value: unknown): FakeResponse;
  getHeader(name: string): unknown;
  ended: boolean;
  end(): void;
  json(body: unknown): void;
  send(body: unknown): void;
};

function fakeResponse(): FakeResponse {
  const response: FakeResponse = {
    statusCode: 200,
    headers: new Map(),
    body: undefined,
    ended: false,
    status(code) {
      response.statusCode = code;
      return response;
    },
    setHeader(name, value) {
      response.headers.set(name.toLowerCase(), value);
      return response;
    },
    getHeader: (name) => response.headers.get(name.toLowerCase()),
    end() {
      response.ended = true;
    },
    json(body) {
      response.body = body;
    },
    send(body) {
      response.body = body;
    },
  };
  return response;
}

/** Applies the response's Set-Cookie headers to the jar, as a browser would (an expired cookie is removed). */
function storeCookies(jar: CookieJar, response: FakeResponse) {
  const setCookie = response.headers.get("set-cookie");
  for (const header of Array.isArray(setCookie) ? (setCookie as string[]) : []) {
    const [pair = "", ...attributes] = header.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
    const expired = attributes.some((attribute) => {
      const [key = "", raw = ""] = attribute.trim().split("=");
      return (
        (key.toLowerCase() === "max-age" && Number(raw) <= 0) ||
        (key.toLowerCase() === "expires" && new Date(raw).getTime() <= Date.now())
      );
    });
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

function requestHeaders(jar: CookieJar) {
  return {
    host: new URL(CONSOLE_ORIGIN).host,
    "content-type": "application/x-www-form-urlencoded",
    cookie: [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; "),
  };
}

/** One request to `/api/auth/<action>[/<provider>]`, with the jar's cookies; updates the jar. */
export async function callNextAuth(
  options: NextAuthOptions,
  jar: CookieJar,
  {
    action,
    providerId,
    method = "GET",
    query = {},
    body,
  }: {
    action: string;
    providerId?: string;
    method?: "GET" | "POST";
    query?: Record<string, string>;
    body?: Record<string, string>;
  },
) {
  const response = fakeResponse();
  const handler = NextAuth as unknown as (
    request: unknown,
    response: FakeResponse,
    options: NextAuthOptions,
  ) => Promise<void>;
  await handler(
    {
      query: { nextauth: providerId ? [action, providerId] : [action], ...query },
      method,
      body,
      cookies: Object.fromEntries(jar),
      headers: requestHeaders(jar),
    },
    response,
    options,
  );
  storeCookies(jar, response);
  const location = response.headers.get("location");
  return {
    status: response.statusCode,
    body: response.body,
    location: typeof location === "string" ? location : null,
  };
}

/** Signs in with email and password through the credentials provider, as the sign-in form does. */
export async function signInWithCredentials(
  options: NextAuthOptions,
  jar: CookieJar,
  credentials: { email: string; password: string },
) {
  const csrf = await callNextAuth(options, jar, { action: "csrf" });
  const { csrfToken } = csrf.body as { csrfToken: string };
  return callNextAuth(options, jar, {
    action: "callback",
    providerId: "credentials",
    method: "POST",
    body: { ...credentials, csrfToken, json: "true" },
  });
}

export async function signOut(options: NextAuthOptions, jar: CookieJar, callbackUrl = "/login") {
  const csrf = await callNextAuth(options, jar, { action: "csrf" });
  const { csrfToken } = csrf.body as { csrfToken: string };
  return callNextAuth(options, jar, {
    action: "signout",
    method: "POST",
    body: { csrfToken, callbackUrl, json: "true" },
  });
}

/** The session a server component would see with these cookies (what `getServerSession` returns). */
export function serverSessionFor(options: NextAuthOptions, jar: CookieJar): Promise<Session | null> {
  return getServerSession(
    { headers: requestHeaders(jar), cookies: Object.fromEntries(jar) } as never,
    fakeResponse() as never,
    options,
  );
}
