import { type Locator, type Page, expect } from "@playwright/test";

/**
 * Creates a gateway's first ingest token (at once) or rotates the current one (after its confirmation), from the
 * card's button.
 */
export async function confirmIngestToken(card: Locator) {
  const trigger = card.getByRole("button", { name: /^(Create|Rotate) token$/ });
  const rotating = (await trigger.textContent())?.trim() === "Rotate token";
  await trigger.click();
  if (rotating)
    await card
      .getByRole("alertdialog", { name: "Rotate the ingest token?" })
      .getByRole("button", { name: "Rotate token" })
      .click();
}

/** The Status tab of an agent: computed vs reported `models status`, drift, views and history. */
export class AgentStatusPage {
  constructor(private readonly page: Page) {}

  /** Finds the agent by search on the agents page and opens it. */
  async openAgent(search: string, agentName: string) {
    await this.page.goto(`/agents?q=${encodeURIComponent(search)}`);
    await this.page.getByRole("link", { name: agentName, exact: true }).click();
    await expect(this.page.getByRole("heading", { name: agentName, level: 1 })).toBeVisible();
  }

  async open() {
    await this.page.getByRole("tab", { name: "Status" }).click();
    await expect(this.page.getByRole("heading", { name: /^Status/ })).toBeVisible();
  }

  column(name: "Computed by the console" | "Reported by the host") {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** Rotates (or first creates) the gateway's ingest token from the empty state and returns it. */
  async rotateIngestToken(): Promise<string> {
    const card = this.page.getByRole("region", { name: "Ingest token" });
    await confirmIngestToken(card);
    const token = card.getByLabel("New ingest token");
    await expect(token).toHaveValue(/^cfi_/);
    return token.inputValue();
  }

  async showView(name: "Rendered" | "OpenClaw text" | "Raw JSON") {
    await this.page.getByRole("tab", { name, exact: true }).click();
    await expect(this.page.getByRole("tab", { name, exact: true })).toHaveAttribute("aria-selected", "true");
  }
}
