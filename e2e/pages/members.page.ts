import { type Page, expect } from "@playwright/test";
import { DEMO_PASSWORD, SignInPage } from "./sign-in.page";

/** Signs a demo user in and waits for the console (whichever page it opens on). */
export async function signInAs(page: Page, email: string) {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signInAndWaitFor(email, DEMO_PASSWORD, page.getByRole("navigation", { name: "Main" }));
}

export class MembersPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/members");
    await expect(this.page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  }

  /** Creates an invitation and returns the one-time link shown to the admin. */
  async invite(email: string, role: "viewer" | "operator" | "admin"): Promise<string> {
    const form = this.page.getByRole("region", { name: "Invite a member" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption(role);
    await form.getByRole("button", { name: "Create invitation link" }).click();
    const link = form.getByLabel("Invitation link");
    await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
    return link.inputValue();
  }

  memberRow(email: string) {
    return this.page.getByRole("row").filter({ hasText: email });
  }
}
