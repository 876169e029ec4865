import { expect, test } from "@playwright/test";
import { AuditPage, parseCsv } from "../pages/audit.page";
import { GatewaysPage } from "../pages/gateways.page";
import { signInAs } from "../pages/members.page";
import { DEMO_ADMIN } from "../pages/sign-in.page";

test("an admin makes a change, finds it in the audit log with its diff, and exports it as CSV and JSON", async ({
  page,
}) => {
  await signInAs(page, DEMO_ADMIN);

  const gateways = new GatewaysPage(page);
  await gateways.open();
  await gateways.startEditing("prod-eu");
  const card = gateways.card("prod-eu");
  await gateways.fill(card, "OpenClaw version", "2026.9.8");
  await gateways.save(card);
  await expect(card.getByText("Gateway saved (version 2).")).toBeVisible();

  const audit = new AuditPage(page);
  await audit.open();
  await audit.filterByAction("gateway.update");
  await expect(audit.entries()).toHaveCount(1);
  const entry = audit.entries().first();
  await expect(entry).toContainText(DEMO_ADMIN);
  // The target reads as its name and links to where it is managed, not as a uuid.
  await expect(entry.getByRole("link", { name: "prod-eu", exact: true })).toHaveAttribute(
    "href",
    "/gateways",
  );
  await entry.getByText("gateway.update").click();
  const versionRow = entry.getByRole("row", { name: /openclawVersion/ });
  await expect(versionRow).toContainText("changed");
  await expect(versionRow).toContainText("2026.9.6");
  await expect(versionRow).toContainText("2026.9.8");
  await expect(entry.getByRole("row", { name: /^name/ })).toContainText("same");

  const csv = await audit.export("CSV");
  expect(csv.fileName).toMatch(/^clawfleet-audit-.+\.csv$/);
  const [header, ...rows] = parseCsv(csv.text);
  expect(header).toEqual([
    "id",
    "time",
    "actor",
    "actorId",
    "action",
    "targetType",
    "targetId",
    "requestId",
    "before",
    "after",
  ]);
  expect(rows).toHaveLength(1);
  const row = Object.fromEntries((header ?? []).map((column, index) => [column, rows[0]?.[index] ?? ""]));
  expect(row).toMatchObject({ actor: DEMO_ADMIN, action: "gateway.update", targetType: "gateway" });
  expect(new Date(row.time ?? "").getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
  expect(JSON.parse(row.before ?? "")).toMatchObject({
    name: "prod-eu",
    openclawVersion: "2026.9.6",
    version: 1,
  });
  expect(JSON.parse(row.after ?? "")).toMatchObject({ openclawVersion: "2026.9.8", version: 2 });

  const json = await audit.export("JSON");
  const entries = JSON.parse(json.text) as { action: string; targetId: string }[];
  expect(entries).toEqual([expect.objectContaining({ action: "gateway.update", targetId: row.targetId })]);

  // Without the filter, the export holds every entry of the team, newest first.
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/audit\?$|\/audit$/);
  const everything = parseCsv((await audit.export("CSV")).text);
  expect(everything.length).toBeGreaterThanOrEqual(2);
  const ids = everything.slice(1).map((fields) => Number(fields[0]));
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
});

test("a viewer cannot read the audit log or download its export", async ({ page }) => {
  await signInAs(page, "viewer@demo.clawfleet.dev");
  const audit = new AuditPage(page);
  await audit.open();
  await expect(
    page.getByRole("alert").filter({ hasText: "This needs the admin role; you are viewer" }).first(),
  ).toBeVisible();
  const response = await page.request.get("/api/audit/export?format=csv");
  expect(response.status()).toBe(403);
});
