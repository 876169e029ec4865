import { type BrowserContext, type Page, expect, test } from "@playwright/test";
import { type ConsolePageVisit, visitEveryPage } from "../pages/every-page";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

/**
 * The strict Content Security Policy (issue 12, finding 18): every page carries a fresh script nonce, the
 * console works under it with no violation, and a script injected without the nonce does not run.
 */

function nonceOf(policy: string | undefined): string {
  const match = /'nonce-([^']+)'/u.exec(policy ?? "");
  expect(match, `no nonce in: ${policy ?? "(no policy)"}`).not.toBeNull();
  return match?.[1] ?? "";
}

/** Records CSP violations the page reports (the browser logs each one too). */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy"))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("pages carry a strict policy with a fresh nonce on each request; APIs allow nothing", async ({
  request,
}) => {
  const first = (await request.get("/login")).headers()["content-security-policy"];
  const second = (await request.get("/login")).headers()["content-security-policy"];
  for (const policy of [first, second]) {
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/u);
  }
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  expect(nonceOf(first).length).toBeGreaterThanOrEqual(22);

  const api = await request.get("/api/trpc/session.current");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("the console signs in and renders under the policy with no violation, and its scripts carry the nonce", async ({
  page,
}) => {
  const violations = await recordViolations(page);
  const response = await page.goto("/login");
  const nonce = nonceOf(response?.headers()["content-security-policy"]);
  const scriptNonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const scriptNonce of scriptNonces) expect(scriptNonce).toBe(nonce);

  const signIn = new SignInPage(page);
  await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  await page.getByRole("link", { name: "Agents", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Agents", exact: true })).toBeVisible();
  expect(violations).toEqual([]);
});

/** Records each page's CSP violations in the page itself, for a walk that reads them page by page. */
async function recordViolationsInPage(context: BrowserContext) {
  await context.addInitScript(() => {
    const record: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = record;
    document.addEventListener("securitypolicyviolation", (event) => {
      record.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

test("every page, forms included, renders under the policy with no violation", async ({ browser, page }) => {
  test.setTimeout(240_000);
  // why: pages that build zod schemas (the model editor, the defaults editor, the dialogs) used to trip the
  // policy with zod's `new Function` probe; a walk over every page keeps any such script from coming back.
  const seen: string[] = [];
  const readViolations = async (visited: Page, visit: ConsolePageVisit) => {
    const violations = await visited.evaluate(
      () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
    );
    for (const violation of violations) seen.push(`${visit.name}: ${violation}`);
  };
  await visitEveryPage(browser, page, readViolations, undefined, recordViolationsInPage);
  expect(seen).toEqual([]);
});

test("markup injected into a page cannot run script (inline handlers are refused)", async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto("/login");
  const ran = await page.evaluate(async () => {
    // The classic stored-XSS shape: markup with an event handler, as a hostile id rendered unescaped would be.
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="/no-such-image" onerror="window.__injected = true">`;
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.join("\n")).toContain("script-src");
});
