import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

test("an admin signs in, sees the demo agents, and signs out", async ({ page }) => {
  const signIn = new SignInPage(page);
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/login/);
  await signIn.open();
  await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);

  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  await page.getByRole("link", { name: "Agents", exact: true }).click();
  // why: the home page's attention groups also read "N agents"; wait until the agents page has replaced it.
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByRole("heading", { name: "Agents", exact: true, level: 1 })).toBeVisible();
  await expect(page.getByText(/^\d+ agents$/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Main (prod-eu)" })).toBeVisible();
  await expect(page.getByText("Demo Fleet · admin")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password and an unknown email are refused with the same message", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(DEMO_ADMIN, "not-the-password");
  await signIn.expectRefused("Email or password is incorrect.");

  await signIn.signIn("nobody@demo.clawfleet.dev", DEMO_PASSWORD);
  await signIn.expectRefused("Email or password is incorrect.");
});

test("search narrows the agent list and the URL keeps the view", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn("viewer@demo.clawfleet.dev", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  await page.goto("/agents");
  await expect(page.getByText(/^\d+ agents$/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Main (prod-eu)" })).toBeVisible();

  await page.getByLabel("Search agents").fill("billing");
  await expect(page).toHaveURL(/q=billing/);
  await expect(page.getByText(/^\d+ agents?$/)).toHaveText(/^[1-9] agents?$/);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toContainText(/Billing/);

  await page.reload();
  await expect(page.getByLabel("Search agents")).toHaveValue("billing");
});

test("a session cookie copied before sign-out no longer works after it", async ({ page, browser }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  const copied = await page.context().cookies();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/agents");
  await expect(stolen).toHaveURL(/\/login/);
  const session = await stolen.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await thief.close();
});

test("a hostile callbackUrl neither breaks the sign-in page nor leaves the console", async ({ page }) => {
  for (const callbackUrl of ["http://localhost:3400.evil.example/", "//evil.example/%0Aforged"]) {
    const loginPage = await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    expect(loginPage?.status()).toBeLessThan(500);
    await expect(page.getByRole("heading", { name: "Sign in to Clawfleet" })).toBeVisible();
    const signInRoute = await page.request.get(
      `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`,
      {
        maxRedirects: 0,
      },
    );
    expect(signInRoute.status()).toBeLessThan(500);
    expect(signInRoute.headers().location ?? "").not.toContain("evil.example");
  }
});

test("a deep link opened while signed out comes back to itself after sign-in, and only on the console", async ({
  page,
}) => {
  await page.goto("/audit?action=auth.logout");
  await expect(page).toHaveURL(/\/login\?next=%2Faudit%3Faction%3Dauth\.logout$/);
  await new SignInPage(page).signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/audit\?action=auth\.logout$/);

  await page.context().clearCookies();
  await page.goto("/login?next=%2F%2Fevil.example%2F");
  await new SignInPage(page).signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL ?? "").host);
});
