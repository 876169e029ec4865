import { type Page, expect, test } from "@playwright/test";
import { signUpLinkMailedTo } from "../pages/mail-outbox";
import { MembersPage, signInAs } from "../pages/members.page";
import { DEMO_ADMIN } from "../pages/sign-in.page";

async function signedIn(page: Page, email: string) {
  await signInAs(page, email);
  return new MembersPage(page);
}

test("an admin invites a new member, who confirms the email, sets a password and lands in the console as operator", async ({
  page,
  browser,
}) => {
  const members = await signedIn(page, DEMO_ADMIN);
  await members.open();
  const link = await members.invite("new.operator@demo.clawfleet.dev", "operator");
  await expect(page.getByText("shown only now")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "new.operator@demo.clawfleet.dev" })).toContainText(
    "Pending",
  );

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Demo Fleet on Clawfleet" })).toBeVisible();
  await expect(
    invitee.getByText("You are invited as operator for new.operator@demo.clawfleet.dev."),
  ).toBeVisible();
  // Creating the account starts with proof that the invitee reads the invited mailbox.
  await expect(invitee.getByLabel("Your name")).toHaveCount(0);
  await invitee.getByRole("button", { name: "Email me a sign-up link" }).click();
  await expect(invitee.getByText("We sent a sign-up link to new.operator@demo.clawfleet.dev.")).toBeVisible();
  await invitee.goto(await signUpLinkMailedTo("new.operator@demo.clawfleet.dev"));
  await expect(
    invitee.getByRole("heading", { name: "Create your account to join Demo Fleet" }),
  ).toBeVisible();
  await invitee.getByLabel("Your name").fill("New Operator");
  await invitee.getByLabel("Password", { exact: true }).fill("short");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByText("Password must be at least 12 characters.")).toBeVisible();

  await invitee.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await invitee.getByLabel("Repeat password").fill("a long enough passphrase");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(invitee).not.toHaveURL(/\/(invite|sign-up)\//);
  await expect(invitee.getByText("Demo Fleet · operator")).toBeVisible();
  await expect(invitee.getByText("new.operator@demo.clawfleet.dev")).toBeVisible();

  // The link worked once; opening it again says so.
  const later = await (await browser.newContext()).newPage();
  await later.goto(link);
  await expect(later.getByText("This invitation has already been used.")).toBeVisible();
  await inviteeContext.close();

  await members.open();
  await expect(members.memberRow("new.operator@demo.clawfleet.dev")).toBeVisible();
  await expect(members.memberRow("new.operator@demo.clawfleet.dev").getByRole("combobox")).toHaveValue(
    "operator",
  );
});

test("a revoked invitation link tells the invitee it was revoked", async ({ page, browser }) => {
  const members = await signedIn(page, DEMO_ADMIN);
  await members.open();
  const link = await members.invite("revoked@demo.clawfleet.dev", "viewer");
  await page.getByRole("button", { name: "Revoke the invitation for revoked@demo.clawfleet.dev" }).click();
  const confirm = page.getByRole("alertdialog", {
    name: "Revoke the invitation for revoked@demo.clawfleet.dev?",
  });
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText(/revoked; its link no longer works\./)).toBeVisible();

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await expect(invitee.getByText("This invitation was revoked by a team admin.")).toBeVisible();
});

test("the last admin cannot demote themselves, and the reason is shown", async ({ page }) => {
  const members = await signedIn(page, DEMO_ADMIN);
  await members.open();
  const own = members.memberRow(DEMO_ADMIN);
  await own.getByRole("combobox").selectOption("viewer");
  await own.getByRole("button", { name: "Save role" }).click();
  await expect(own.getByText("A team needs at least one admin.")).toBeVisible();
  await expect(own.getByRole("combobox")).toHaveValue("admin");
});

test("a viewer sees the members but no usable management controls, with the reason", async ({ page }) => {
  const members = await signedIn(page, "viewer@demo.clawfleet.dev");
  await members.open();
  await expect(members.memberRow(DEMO_ADMIN)).toBeVisible();
  await expect(
    page.getByText("Only admins manage members. Needs the admin role; you are viewer.").first(),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invitation link" })).toBeDisabled();
  for (const combobox of await page.getByRole("row").getByRole("combobox").all())
    await expect(combobox).toBeDisabled();
  for (const remove of await page.getByRole("button", { name: /^Remove / }).all())
    await expect(remove).toBeDisabled();
  await expect(page.getByRole("heading", { name: "Open invitations" })).toHaveCount(0);
});
