import { type APIResponse, type Page, expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

/**
 * Web hardening against the running server (security checklist B3, B4): session cookie attributes from a
 * real sign-in, security headers on pages and APIs, and the CSRF guard on the real route. Sign-in throttling
 * through the real form is in sign-in-throttling.spec.ts.
 */

async function signInAsAdmin(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
}

function expectSecurityHeaders(response: APIResponse, label: string) {
  const headers = response.headers();
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["content-security-policy"], label).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], label).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("no-referrer");
  expect(headers["strict-transport-security"], label).toMatch(/max-age=\d{7,}/);
  expect(headers["x-powered-by"], label).toBeUndefined();
}

test("a real sign-in sets an HttpOnly, SameSite=Lax session cookie (Secure only over TLS)", async ({
  page,
  context,
  baseURL,
}) => {
  await signInAsAdmin(page);

  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session, cookies.map((cookie) => cookie.name).join(", ")).toBeDefined();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  // next-auth marks cookies Secure (and `__Secure-` prefixed) when NEXTAUTH_URL is https; this server is plain http.
  expect(session?.secure).toBe(baseURL?.startsWith("https:") ?? false);
  for (const cookie of cookies.filter((candidate) => candidate.name.includes("next-auth")))
    expect(cookie.sameSite, cookie.name).toBe("Lax");
});

test("pages and APIs carry the security headers; API answers are never cached", async ({ request }) => {
  const loginPage = await request.get("/login");
  expectSecurityHeaders(loginPage, "/login");

  const api = await request.get("/api/trpc/session.current");
  expect(api.status()).toBe(401);
  expectSecurityHeaders(api, "/api/trpc");
  expect(api.headers()["cache-control"]).toContain("no-store");

  const ingest = await request.post("/api/ingest/status", { data: "{}" });
  expect(ingest.status()).toBe(401);
  expectSecurityHeaders(ingest, "/api/ingest/status");
  expect(ingest.headers()["cache-control"]).toContain("no-store");
});

test("a signed-in console page is not cacheable", async ({ page }) => {
  await signInAsAdmin(page);
  const response = await page.request.get("/agents");
  expect(response.status()).toBe(200);
  expectSecurityHeaders(response, "/agents");
  expect(response.headers()["cache-control"]).toContain("no-store");
});

test("the CSRF guard refuses a signed-in browser's cross-site mutation and lets the console's own through", async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);

  const endpoint = "/api/trpc/invitations.revoke";
  const data = JSON.stringify({ json: { invitationId: "00000000-0000-4000-8000-000000000000" } });
  for (const headers of [
    { origin: "http://evil.example", "content-type": "application/json" },
    { origin: "null", "content-type": "application/x-www-form-urlencoded" },
    { origin: "http://evil.example", "content-type": "text/plain" },
  ]) {
    const refused = await page.request.post(endpoint, { headers, data });
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
  }
  // The console's own fetch (same Origin, JSON) reaches the procedure, which answers for the unknown id.
  const own = await page.evaluate(
    async ({ endpoint, data }) => {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: data,
      });
      return { status: response.status, body: await response.text() };
    },
    { endpoint, data },
  );
  expect(own.status, own.body).toBe(404);
  expect(baseURL).toBeTruthy();
});
