import { expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

test("the command palette finds an agent by its id and opens it, and the tab names the agent", async ({
  page,
}) => {
  await signInAs(page, "viewer");
  await expect(page).toHaveTitle("Fleet status · Clawfleet");

  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox").fill("billing-triage-4");
  const hit = palette
    .getByRole("option")
    .filter({ hasText: "Billing triage 4" })
    .filter({ hasText: "prod-eu" });
  await expect(hit).toBeVisible();
  await hit.click();

  await expect(page.getByRole("heading", { name: "Billing triage 4", level: 1 })).toBeVisible();
  await expect(palette).toBeHidden();
  await expect(page).toHaveTitle("Billing triage 4 · Agents · Clawfleet");
});

test("the palette finds a profile by its credential's fingerprint, and pages by name", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/credentials");
  const fingerprint =
    (
      await page
        .getByText(/^[0-9a-f]{12}$/u)
        .first()
        .textContent()
    )?.trim() ?? "";
  expect(fingerprint).toMatch(/^[0-9a-f]{12}$/);

  await page.getByRole("button", { name: "Search…" }).click();
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await palette.getByRole("combobox").fill(fingerprint.slice(0, 8));
  const profile = palette.getByRole("option").filter({ hasText: `fingerprint ${fingerprint}` });
  await expect(profile.first()).toBeVisible();
  await expect(palette).not.toContainText("sk-ant-");

  await palette.getByRole("combobox").fill("matrix");
  await palette.getByRole("option", { name: "Auth matrix" }).click();
  await expect(page).toHaveURL(/\/auth-matrix$/);
  await expect(page).toHaveTitle("Auth matrix · Clawfleet");

  // Escape closes it and leaves the page as it was.
  await page.keyboard.press("Control+K");
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
});

test("/ focuses the page's search box unless the user is typing", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/agents");
  const search = page.getByLabel("Search agents");
  await expect(search).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("");
  await page.keyboard.type("sales/");
  await expect(search).toHaveValue("sales/");
});

test("a viewer sees at once that the audit log needs admin, without asking the server", async ({ page }) => {
  await signInAs(page, "viewer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: /Audit log/ })).toContainText("needs admin");
  await expect(nav.getByRole("link", { name: /Import/ })).toContainText("needs admin");
  await expect(nav.getByRole("link", { name: "Agents" })).not.toContainText("needs");

  const auditCalls: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/trpc\/[^?]*audit\./u.test(request.url())) auditCalls.push(request.url());
  });
  await nav.getByRole("link", { name: /Audit log/ }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "needs admin" })).toContainText(
    "This needs the admin role; you are viewer",
  );
  expect(auditCalls).toEqual([]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the sidebar becomes a menu that Escape closes", async ({ page }) => {
    await signInAs(page, "viewer");
    const menuButton = page.getByRole("button", { name: "Open menu" });
    await expect(menuButton).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

    await menuButton.click();
    const menu = page.getByRole("dialog", { name: "Menu" });
    await expect(menu.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(menuButton).toBeFocused();

    await menuButton.click();
    await menu.getByRole("link", { name: "Gateways" }).click();
    await expect(page).toHaveURL(/\/gateways$/);
    await expect(menu).toBeHidden();
    await expect(page.getByRole("heading", { name: "Gateways", level: 1 })).toBeVisible();
  });
});
