import { type Page, expect } from "@playwright/test";
import { DEMO_PASSWORD, SignInPage } from "./sign-in.page";

export async function signInAs(page: Page, role: "admin" | "operator" | "viewer") {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signInAndWaitFor(
    `${role}@demo.clawfleet.dev`,
    DEMO_PASSWORD,
    page.getByRole("heading", { name: "Fleet status" }),
  );
}

export class AgentsPage {
  constructor(private readonly page: Page) {}

  /** Finds one agent with the gateway filter and the search box, then opens it. */
  async open(gatewayName: string, search: string, agentName: string) {
    await this.page.goto("/agents");
    await this.page.getByLabel("Gateway").selectOption({ label: gatewayName });
    await this.page.getByLabel("Search agents").fill(search);
    await expect(this.page).toHaveURL(new RegExp(`q=${search}`));
    await expect(this.page.getByText("1 agent", { exact: true })).toBeVisible();
    await this.page.getByRole("link", { name: agentName, exact: true }).click();
    await expect(this.page.getByRole("heading", { name: agentName, level: 1 })).toBeVisible();
  }

  async openTab(name: "Overview" | "Model & params" | "Auth profiles" | "Status") {
    await this.page.getByRole("tab", { name }).click();
    await expect(this.page.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
  }
}
