import { type Locator, type Page, expect } from "@playwright/test";

/** The re-auth request form (on an agent's profile row or a credential), the hand-off page and the tracking page. */
export class ReauthPage {
  constructor(private readonly page: Page) {}

  /** Opens the request form from a profile row of the agent page's Auth profiles tab. */
  async startFromProfileRow(profileId: string): Promise<Locator> {
    const row = this.page.getByRole("row").filter({ hasText: profileId });
    await row.getByRole("button", { name: "Re-auth", exact: true }).click();
    const form = row.getByRole("form", { name: "New re-auth request" });
    await expect(form).toBeVisible();
    return form;
  }

  /** Submits the form and returns the hand-off link's path (shown once). */
  async create(form: Locator): Promise<string> {
    await form.getByRole("button", { name: "Create re-auth request" }).click();
    const link = this.page.getByRole("textbox", { name: "Hand-off link" });
    await expect(link).toBeVisible();
    return new URL(await link.inputValue()).pathname;
  }

  async paste(credential: string) {
    await this.page.getByLabel("Setup-token", { exact: true }).fill(credential);
    await this.page.getByRole("button", { name: "Apply credential" }).click();
  }

  async openTracking() {
    await this.page.goto("/reauth");
    await expect(this.page.getByRole("heading", { name: "Re-auth requests", level: 1 })).toBeVisible();
  }

  request(profileLabel: string): Locator {
    return this.page.getByRole("listitem", { name: `Re-auth ${profileLabel}` });
  }
}
