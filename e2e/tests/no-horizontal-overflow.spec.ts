import { expect, test } from "@playwright/test";
import {
  SIGNED_OUT_PAGES,
  consolePages,
  horizontalOverflow,
  openSettled,
  signedInAdminPage,
} from "../pages/every-page";

// One signed-in page walks every screen at a phone's width: the body never scrolls sideways (wide tables
// scroll inside their own box).
test("no page body overflows horizontally at 390 px", async ({ browser, page: signedOut }) => {
  test.setTimeout(60_000);
  await signedOut.setViewportSize({ width: 390, height: 844 });
  const page = await signedInAdminPage(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = await consolePages(page);

  const overflowing: string[] = [];
  for (const [viewer, visits] of [
    [page, pages],
    [signedOut, SIGNED_OUT_PAGES],
  ] as const) {
    for (const visit of visits) {
      await openSettled(viewer, visit.path);
      const { excess, culprits } = await horizontalOverflow(viewer);
      if (excess > 0) overflowing.push(`${visit.path}: ${excess} px too wide (${culprits.join(", ")})`);
    }
  }
  expect(overflowing).toEqual([]);
  await page.context().close();
});
