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
