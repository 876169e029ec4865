import { type Locator, type Page, expect } from "@playwright/test";

export class GatewaysPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/gateways");
    await expect(this.page.getByRole("heading", { name: "Gateways", level: 1 })).toBeVisible();
  }

  /** A gateway's card, in view or edit mode. */
  card(name: string): Locator {
    return this.page
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("heading", { name: new RegExp(`^(Edit )?${name}$`) }) });
  }

  async startEditing(name: string) {
    await this.card(name)
      .getByRole("button", { name: `Edit ${name}` })
      .click();
    await expect(this.card(name).getByRole("heading", { name: `Edit ${name}` })).toBeVisible();
  }

  async fill(card: Locator, label: string, value: string) {
    await card.getByLabel(label, { exact: true }).fill(value);
  }

  async save(card: Locator) {
    await card.getByRole("button", { name: "Save gateway" }).click();
  }

  async createGateway(fields: { name: string; stateDir?: string }) {
    await this.page.getByRole("button", { name: "New gateway" }).click();
    const form = this.page.getByRole("region", { name: "New gateway" });
    await form.getByLabel("Name", { exact: true }).fill(fields.name);
    if (fields.stateDir) await form.getByLabel("State dir", { exact: true }).fill(fields.stateDir);
    await form.getByRole("button", { name: "Create gateway" }).click();
    return form;
  }
}
