import { expect, test } from "@playwright/test";
import { AgentsPage, signInAs } from "../pages/agents.page";
import { AuditPage } from "../pages/audit.page";
import { ReauthPage } from "../pages/reauth.page";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../pages/sign-in.page";

/** prod-eu's research pod: one setup-token in three agents' own stores, cooling down after an auth failure. */
const POD = "anthropic:research-pod";
const POD_AGENTS = [
  { key: "research-triage-2", name: "Research triage 2" },
  { key: "research-writer-8", name: "Research writer 8" },
  { key: "research-reviewer-14", name: "Research reviewer 14" },
];

test("an operator re-auths a cooling setup-token used by 3 agents; a second user pastes it through the one-time link", async ({
  browser,
}) => {
  // why: one journey through two browsers, three agent pages, the tracking page and five audit searches; on a
  // loaded 2-core CI machine it ran past the 30 s default while every step still passed.
  test.setTimeout(240_000);
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signInAs(operator, "operator");
  const agents = new AgentsPage(operator);
  await agents.open("prod-eu", POD_AGENTS[1]?.key ?? "", POD_AGENTS[1]?.name ?? "");
  await agents.openTab("Auth profiles");
  const podRow = operator.getByRole("row").filter({ hasText: POD });
  await expect(podRow).toContainText("cooldown (auth)");

  const reauth = new ReauthPage(operator);
  const form = await reauth.startFromProfileRow(POD);
  await expect(form.getByLabel(/Everywhere this credential is stored: 3 profiles, 3 agents/)).toBeChecked();
  await expect(form.getByTestId("reauth-coverage")).toHaveText("Covers 3 profiles and 3 agents");
  await expect(form.getByLabel("Claude setup-token")).toBeChecked();
  await form
    .getByLabel("Assignee (optional)")
    .selectOption({ label: "Ada Admin (admin@demo.clawfleet.dev)" });
  const linkPath = await reauth.create(form);
  expect(linkPath).toMatch(/^\/reauth-link\/[A-Za-z0-9_-]{43}$/);

  await operator.reload();
  await expect(operator.getByRole("link", { name: "re-auth pending" })).toBeVisible();

  // A second person, in their own browser, opens the link while signed out, signs in, and is back on it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(linkPath);
  await admin.getByRole("link", { name: "Sign in" }).click();
  await new SignInPage(admin).signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(admin).toHaveURL(new RegExp(`${linkPath}$`));
  await expect(admin.getByRole("heading", { name: `Re-authenticate ${POD}` })).toBeVisible();
  const covered = admin.getByTestId("covered-agents");
  for (const agent of POD_AGENTS) await expect(covered).toContainText(agent.name);
  await expect(admin.getByText("claude setup-token", { exact: true })).toBeVisible();
  await expect(admin.getByRole("definition").filter({ hasText: "prod-eu" }).first()).toBeVisible();

  const handOff = new ReauthPage(admin);
  await handOff.paste("sk-ant-oat01-tooShort");
  await expect(admin.getByRole("alert").filter({ hasText: "Token looks too short" })).toHaveText(
    "Token looks too short; paste the full setup-token",
  );
  const token = `sk-ant-oat01-E2E${Date.now().toString(36)}${"k".repeat(80)}`;
  await handOff.paste(token);
  await expect(admin.getByRole("heading", { name: "Credential applied" })).toBeVisible();
  expect(await admin.content()).not.toContain(token.slice(13));

  // All three agents now show the profile ready, with no cooldown.
  for (const agent of POD_AGENTS) {
    await agents.open("prod-eu", agent.key, agent.name);
    await agents.openTab("Auth profiles");
    const row = operator.getByRole("row").filter({ hasText: POD });
    await expect(row).toContainText("ready");
    await expect(row).not.toContainText("cooldown");
    await expect(operator.getByRole("link", { name: "re-auth pending" })).toHaveCount(0);
    expect(await operator.content()).not.toContain(token.slice(13));
  }

  // The tracking page shows every step, who did it, and the agents covered.
  await reauth.openTracking();
  const request = reauth.request(POD);
  await expect(request.getByTestId("reauth-state")).toHaveText("Applied");
  await expect(request.getByTestId("reauth-gateways")).toHaveText("· on prod-eu");
  const timeline = request.getByRole("list", { name: "Timeline" });
  for (const step of ["Requested", "Link issued", "Credential submitted", "Applied"])
    await expect(timeline).toContainText(step);
  await expect(timeline).toContainText("admin@demo.clawfleet.dev");
  await expect(timeline).toContainText("operator@demo.clawfleet.dev");
  await request.getByText("3 agents covered").click();
  for (const agent of POD_AGENTS) await expect(request.getByRole("link", { name: agent.name })).toBeVisible();

  // The audit log shows each step.
  const audit = new AuditPage(admin);
  for (const [action, count] of [
    ["reauth.request", 1],
    ["reauth.link_issue", 1],
    ["reauth.submit", 1],
    ["auth_profile.reauth", 3],
    ["reauth.apply", 1],
  ] as const) {
    await audit.open();
    await audit.filterByAction(action);
    await expect(audit.entries()).toHaveCount(count);
  }
  expect(await admin.content()).not.toContain(token.slice(13));

  // The link no longer works.
  await admin.goto(linkPath);
  await expect(admin.getByText("This link has already been used")).toBeVisible();
  await expect(admin.getByLabel("Setup-token", { exact: true })).toHaveCount(0);

  await operatorContext.close();
  await adminContext.close();
});

test("a viewer sees Re-auth disabled with the reason", async ({ page }) => {
  await signInAs(page, "viewer");
  const agents = new AgentsPage(page);
  await agents.open("prod-eu", "research-triage-2", "Research triage 2");
  await agents.openTab("Auth profiles");
  const button = page
    .getByRole("row")
    .filter({ hasText: POD })
    .getByRole("button", { name: "Re-auth", exact: true });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute("title", "Needs the operator role; you are viewer.");
});
