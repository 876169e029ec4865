import { expect, test } from "@playwright/test";
import { signInAs } from "../pages/agents.page";

/**
 * Issue 12, finding 3, as an admin meets it: a webhook aimed at the console's own network is refused with the
 * reason, in any spelling, and nothing is saved; a public receiver is saved and its signing secret shown once.
 */
test("an admin's webhook to an internal address is refused with the reason; a public one is saved", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.goto("/reauth");
  const section = page.getByRole("region", { name: "Webhook" });
  const url = section.getByLabel("URL");

  for (const internal of ["http://2130706433:3100/api/trpc", "http://[::ffff:a9fe:a9fe]/latest/meta-data/"]) {
    await url.fill(internal);
    await section.getByRole("button", { name: "Add webhook" }).click();
    await expect(section.getByText(/The webhook must reach a public address/)).toBeVisible();
    await expect(section.getByRole("button", { name: "Add webhook" })).toBeVisible();
  }

  await url.fill("https://hooks.example.com/clawfleet");
  await section.getByRole("button", { name: "Add webhook" }).click();
  await expect(section.getByText(/Signing secret \(shown only now/)).toBeVisible();
  await expect(section.getByText(/The webhook must reach a public address/)).toHaveCount(0);
  await expect(section.getByRole("button", { name: "Save webhook" })).toBeVisible();

  // Leave the demo team as it was for the specs that follow.
  await section.getByRole("button", { name: "Remove" }).click();
  await section
    .getByRole("alertdialog", { name: "Remove the webhook?" })
    .getByRole("button", { name: "Remove webhook" })
    .click();
  await expect(section.getByRole("button", { name: "Add webhook" })).toBeVisible();
});
