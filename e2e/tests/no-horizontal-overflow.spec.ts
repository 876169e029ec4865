import { expect, test } from "@playwright/test";
import { horizontalOverflow, visitEveryPage } from "../pages/every-page";

// One signed-in page walks every screen at a phone's width: the body never scrolls sideways (wide tables
// scroll inside their own box).
test("no page body overflows horizontally at 390 px", async ({ browser, page: signedOut }) => {
  test.setTimeout(180_000);
  const overflowing: string[] = [];
  await visitEveryPage(
    browser,
    signedOut,
    async (page, visit) => {
      const { excess, culprits } = await horizontalOverflow(page);
      if (excess > 0) overflowing.push(`${visit.path}: ${excess} px too wide (${culprits.join(", ")})`);
    },
    { width: 390, height: 844 },
  );
  expect(overflowing).toEqual([]);
});
