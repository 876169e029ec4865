import { expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

test("the home page rolls up --check across the fleet, and each number opens the agents behind it", async ({
  page,
}) => {
  await signInAs(page, "viewer");
  const counts: Record<string, number> = {};
  for (const verdict of ["ok", "expiring", "failing", "refused"]) {
    counts[verdict] = Number(await page.getByTestId(`count-${verdict}`).textContent());
  }
  // The seed has 50 agents; specs that run earlier on the same database may add more.
  expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(50);

  // The demo's prod shared API key is disabled for billing, with OpenClaw's recovery hint and a live countdown.
  const billing = page
    .getByRole("row")
    .filter({ hasText: "anthropic:default" })
    .filter({ hasText: "prod-eu" });
  await expect(billing).toContainText("disabled: billing");
  await expect(billing).toContainText("Top up credits (provider billing) or switch provider.");
  // A rate-limit cooldown of a few minutes counts down live, second by second.
  const rateLimited = page
    .getByRole("row")
    .filter({ hasText: "openai:default" })
    .filter({ hasText: "prod-eu" });
  await expect(rateLimited).toContainText("cooldown: rate_limit");
  const countdown = rateLimited.getByTestId("countdown");
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? "", { timeout: 5_000 });

  // staging's team subscription token expires within 24 h: it is on the 7-day timeline.
  const timeline = page.getByRole("list", { name: "Credentials by expiry" });
  await expect(timeline.getByText("anthropic:team-sub")).toBeVisible();

  // staging's last agent runs a Google model with no Google credential anywhere.
  await expect(page.getByRole("region", { name: /Providers in use with no auth/ })).toContainText(
    "google: 1 agent",
  );

  // Attention is grouped by cause: a group opens onto the agents behind it, each linking to its page.
  const group = page.getByTestId("attention-group").first();
  const toggle = group.getByRole("button");
  const agentCount = Number(/^(\d+) agents?/.exec((await toggle.textContent()) ?? "")?.[1]);
  expect(agentCount).toBeGreaterThan(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const behind = group.getByRole("list", { name: /^Agents: / }).getByRole("link");
  await expect(behind).toHaveCount(Math.min(agentCount, 50));
  const firstAgent = (await behind.first().textContent()) ?? "";
  await behind.first().click();
  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: firstAgent, level: 1 })).toBeVisible();
  await page.goBack();

  await page.getByRole("link", { name: /Expiring/ }).click();
  await expect(page).toHaveURL(/status=expiring/);
  await expect(
    page.getByText(`${counts.expiring} agent${counts.expiring === 1 ? "" : "s"}`, { exact: true }),
  ).toBeVisible();
});

test("a cause group offers its re-auth in one click, and a recovery hint's command copies", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, "operator");

  // staging's agents share one cause: their setup-token expires within 24 h. The profile links to itself.
  const group = page.getByTestId("attention-group").filter({ hasText: "anthropic:team-sub expires" });
  await expect(group).toHaveCount(1);
  await expect(group.getByRole("link", { name: "anthropic:team-sub" })).toHaveAttribute(
    "href",
    "/credentials?q=anthropic%3Ateam-sub",
  );
  await group.getByRole("button", { name: "Re-auth anthropic:team-sub" }).click();
  await expect(group.getByRole("form", { name: "New re-auth request" })).toBeVisible();

  // The research pod's profile cools down after auth failures: OpenClaw's hint names a command.
  const row = page.getByRole("row").filter({ hasText: "anthropic:research-pod" });
  await expect(row.getByTestId("hint-command")).toContainText("openclaw models auth login");
  await expect(row).not.toContainText("`");
  await row.getByRole("button", { name: "Copy command" }).click();
  await expect(row.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^openclaw models auth login --provider anthropic --profile-id .*anthropic:research-pod/,
  );
});
