import { type Page, expect, test } from "@playwright/test";
import { GatewaysPage } from "../pages/gateways.page";
import { signInAs } from "../pages/members.page";
import { DEMO_ADMIN } from "../pages/sign-in.page";

async function signedIn(page: Page, email: string) {
  await signInAs(page, email);
  return new GatewaysPage(page);
}

test("a viewer sees the gateways with agent links but every edit control disabled, with the reason", async ({
  page,
}) => {
  const gateways = await signedIn(page, "viewer@demo.clawfleet.dev");
  await gateways.open();
  const prod = gateways.card("prod-eu");
  await expect(prod.getByRole("link", { name: "36 agents" })).toHaveAttribute("href", /\/agents\?gateway=/);
  await expect(prod.getByRole("button", { name: "Edit prod-eu" })).toBeDisabled();
  await expect(prod.getByRole("button", { name: "Edit prod-eu" })).toHaveAttribute(
    "title",
    /Only admins edit gateways\. Needs the admin role; you are viewer\./,
  );
  await expect(page.getByRole("button", { name: "New gateway" })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^(Rotate|Create) token$/ })).toHaveCount(0);
  await expect(
    page.getByText("Only admins edit gateways. Needs the admin role; you are viewer."),
  ).toBeVisible();
});

test("a rename with a stale version shows the other admin's version and lets the user reapply", async ({
  page,
  browser,
}) => {
  // why: two browsers each sign in (an Argon2 check) before the edits; a loaded CI machine needs the headroom.
  test.setTimeout(180_000);
  const gateways = await signedIn(page, DEMO_ADMIN);
  await gateways.open();
  await gateways.startEditing("staging");
  // why: live updates retitle the card when the other admin renames the gateway; the draft stays, so the card
  // being edited is found by its edit heading, not its name.
  const mine = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Edit / }) });
  await gateways.fill(mine, "Name", "staging-mine");

  // A second admin session renames the same gateway first.
  const otherContext = await browser.newContext();
  const otherGateways = await signedIn(await otherContext.newPage(), DEMO_ADMIN);
  await otherGateways.open();
  await otherGateways.startEditing("staging");
  const theirs = otherGateways.card("staging");
  await otherGateways.fill(theirs, "OpenClaw version", "2026.9.7");
  await otherGateways.fill(theirs, "Name", "staging-theirs");
  await otherGateways.save(theirs);
  // why: other specs edit staging's defaults first, which moves its version; the steps are relative to it.
  const theirSave = otherGateways.card("staging-theirs").getByText(/Gateway saved \(version \d+\)\./);
  await expect(theirSave).toBeVisible();
  const theirVersion = Number(/\d+/.exec((await theirSave.textContent()) ?? "")?.[0]);
  await otherContext.close();

  await gateways.save(mine);
  const conflict = page.getByRole("alert").filter({ hasText: "Someone else changed this gateway" });
  await expect(conflict).toContainText(
    `you edited version ${theirVersion - 1}, it is now version ${theirVersion}`,
  );
  await expect(conflict).toContainText(`Their version (v${theirVersion}): name staging-theirs`);
  await expect(conflict).toContainText("OpenClaw 2026.9.7");

  await conflict.getByRole("button", { name: "Reapply my changes" }).click();
  const saved = gateways.card("staging-mine");
  await expect(saved.getByText(`Gateway saved (version ${theirVersion + 1}).`)).toBeVisible();
  await expect(saved.getByRole("link", { name: "14 agents" })).toBeVisible();
  await expect(gateways.card("staging-theirs")).toHaveCount(0);
  await page.reload();
  await expect(gateways.card("staging-mine")).toBeVisible();
});

test("an admin creates a gateway; a taken name is refused at the name field", async ({ page }) => {
  const gateways = await signedIn(page, DEMO_ADMIN);
  await gateways.open();
  const form = await gateways.createGateway({ name: "prod-eu" });
  await expect(
    form.getByText('A gateway named "prod-eu" already exists in this team. Choose another name.'),
  ).toBeVisible();

  await form.getByLabel("State dir", { exact: true }).fill("relative/dir");
  await form.getByLabel("Name", { exact: true }).fill("edge-us");
  await form.getByRole("button", { name: "Create gateway" }).click();
  await expect(form.getByText("State dir is an absolute path or starts with ~")).toBeVisible();

  await form.getByLabel("State dir", { exact: true }).fill("/srv/openclaw/.openclaw");
  await form.getByRole("button", { name: "Create gateway" }).click();
  await expect(page.getByText("Gateway edge-us created.")).toBeVisible();
  await expect(gateways.card("edge-us").getByRole("link", { name: "0 agents" })).toBeVisible();
  await expect(
    gateways.card("edge-us").getByText("No token: this gateway's hosts cannot report status yet."),
  ).toBeVisible();
});
