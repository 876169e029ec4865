import { expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

const SEVERITY: Record<string, number> = { OK: 0, Expiring: 1, Failing: 2, Refused: 3 };

test("the agent list shows each agent's health and model, and sorts by health in the query", async ({
  page,
}) => {
  await signInAs(page, "viewer");
  await page.goto("/agents");
  const table = page.getByRole("table", { name: "Agents" });
  await expect(table.getByTestId("agent-health").first()).toBeVisible();

  // A failing agent says why, next to its verdict.
  await expect(
    table
      .getByTestId("agent-health")
      .filter({ hasText: /^Failing: \S/ })
      .first(),
  ).toBeVisible();

  await table.getByRole("button", { name: /Health/ }).click();
  await expect(page).toHaveURL(/sort=health%3Adesc|sort=health:desc/);
  await expect(table.getByRole("columnheader", { name: /Health/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect(table.getByTestId("agent-health").first()).toHaveText(/^(Refused|Failing)/);
  const words = (await table.getByTestId("agent-health").allTextContents()).map(
    (text) => SEVERITY[/^(OK|Expiring|Failing|Refused)/.exec(text)?.[1] ?? ""] ?? -1,
  );
  expect(words.length).toBeGreaterThan(1);
  expect(words).toEqual([...words].sort((a, b) => b - a));

  // The other direction puts healthy agents first (the sort runs on the server, across every page).
  await table.getByRole("button", { name: /Health/ }).click();
  await expect(table.getByRole("columnheader", { name: /Health/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.getByTestId("agent-health").first()).toHaveText(/^OK/);
});

test("a saved view keeps the filters and sort, and reopens from its chip in another browser", async ({
  page,
  browser,
}) => {
  await signInAs(page, "viewer");
  await page.goto("/agents?status=failing&sort=health%3Adesc");
  const table = page.getByRole("table", { name: "Agents" });
  await expect(table.getByTestId("agent-health").first()).toHaveText(/^Failing/);

  const name = `Failing ${Date.now()}`;
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByLabel("View name").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const chip = page.getByRole("group", { name: "Saved views" }).getByRole("button", { name, exact: true });
  await expect(chip).toHaveAttribute("aria-current", "true");

  // The view is the member's, kept by the console: a fresh browser signed in as them lists it.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signInAs(other, "viewer");
  await other.goto("/agents");
  await expect(
    other.getByRole("group", { name: "Saved views" }).getByRole("button", { name, exact: true }),
  ).toBeVisible();
  await elsewhere.close();

  await page.goto("/agents");
  await expect(chip).not.toHaveAttribute("aria-current", "true");
  await chip.click();
  await expect(page).toHaveURL(/status=failing/);
  await expect(page).toHaveURL(/sort=health/);
  await expect(page.getByLabel("Status")).toHaveValue("failing");
  await expect(chip).toHaveAttribute("aria-current", "true");

  await page.getByRole("button", { name: `Remove saved view ${name}` }).click();
  await expect(chip).toHaveCount(0);
});
