import { type Page, expect } from "@playwright/test";

export const DEMO_PASSWORD = "clawfleet-demo";
export const DEMO_ADMIN = "admin@demo.clawfleet.dev";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/login");
    await expect(this.page.getByRole("heading", { name: "Sign in to Clawfleet" })).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async expectRefused(message: string | RegExp) {
    // The form's own alert (Next adds an empty route-announcer alert to every page).
    await expect(this.page.locator("form").getByRole("alert")).toHaveText(message);
    await expect(this.page).toHaveURL(/\/login/);
  }
}
