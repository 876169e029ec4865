import { type Page, expect } from "@playwright/test";

export class AuthMatrixPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole("link", { name: "Auth matrix", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Auth matrix", level: 1 })).toBeVisible();
    await expect(this.page.getByTestId("matrix-total")).toHaveText(/^\d+ agents?$/);
  }

  get table() {
    return this.page.getByRole("table", { name: "Auth matrix" });
  }

  get rows() {
    return this.table.getByTestId("matrix-row");
  }

  /** The agent names of the rows shown, in order. */
  async agentNames(): Promise<string[]> {
    return this.rows.getByRole("rowheader").allTextContents();
  }

  async filterBy(label: RegExp) {
    await this.page.getByRole("button", { name: label }).click();
    await expect(this.page.getByRole("button", { name: label })).toHaveAttribute("aria-pressed", "true");
  }

  async showGateway(name: string) {
    await this.page.getByLabel("Gateway").selectOption({ label: name });
    await expect(this.page).toHaveURL(/gateway=/);
  }

  async search(text: string) {
    await this.page.getByLabel("Search agents").fill(text);
    await expect(this.page).toHaveURL(new RegExp(`q=${encodeURIComponent(text).replace(/%20/g, "\\+")}`));
  }

  async expectTotal(count: number) {
    await expect(this.page.getByTestId("matrix-total")).toHaveText(`${count} agent${count === 1 ? "" : "s"}`);
  }
}
