import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

/**
 * Every seeded secret carries OpenClaw's full prefix and a DEMO marker; OpenClaw's mask shows only the
 * first 8 characters (`sk-ant-a`), so neither a full prefix nor the marker may reach the browser.
 */
const SECRET_PATTERNS = [
  /sk-ant-(api03|oat01|ort01)-/,
  /DEMO(prod|staging|[a-z]+-[a-z]+-\d)/,
  /sk-proj-DEMO/,
];

test("no seeded secret appears in any page or tRPC response", async ({ page }) => {
  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/json|html|text|javascript/.test(type)) return;
    try {
      bodies.push({ url: response.url(), body: await response.text() });
    } catch {
      // Redirect responses have no body.
    }
  });

  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  await page.goto("/agents");
  await expect(page.getByText(/^\d+ agents$/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Main (prod-eu)" })).toBeVisible();

  const agentLinks = await page
    .locator('a[href^="/agents/"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(agentLinks.length).toBeGreaterThan(10);
  for (const href of agentLinks.slice(0, 12)) {
    await page.goto(`${href}?tab=profiles`);
    await expect(page.getByRole("cell", { name: /^anthropic:/ }).first()).toBeVisible();
  }
  await page.goto("/credentials");
  await expect(page.getByTestId("affected").first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("count-ok")).toBeVisible();
  await page.goto("/gateways");
  await expect(page.getByRole("heading", { name: "prod-eu" })).toBeVisible();

  const trpcResponses = bodies.filter(({ url }) => url.includes("/api/trpc/"));
  expect(trpcResponses.length).toBeGreaterThan(10);
  expect(bodies.some(({ body }) => body.includes("sk-ant-a..."))).toBe(true);
  for (const { url, body } of bodies) {
    for (const pattern of SECRET_PATTERNS) {
      expect(body, `${url} leaks ${String(pattern)}`).not.toMatch(pattern);
    }
  }
});
