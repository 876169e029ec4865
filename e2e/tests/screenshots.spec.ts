import { fileURLToPath } from "node:url";
import { test } from "@playwright/test";
import { visitEveryPage } from "../pages/every-page";

const VIEWPORTS = [
  { label: "390", width: 390, height: 844 },
  { label: "1440", width: 1440, height: 900 },
] as const;
const SCHEMES = ["light", "dark"] as const;
const SCREENSHOTS = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));

// Screenshots of every page at a phone's and a desktop's width, light and dark, for review: kept by CI as an
// artifact (e2e/test-results is git-ignored). One signed-in page; each screen is loaded once and re-laid out.
test("every page is captured at 390 and 1440 px, light and dark", async ({ browser, page: signedOut }) => {
  test.setTimeout(240_000);
  await visitEveryPage(browser, signedOut, async (page, visit) => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({
          path: `${SCREENSHOTS}${visit.name}-${viewport.label}-${colorScheme}.jpeg`,
          // why: JPEG encodes several times faster than PNG for tall pages, and reads as well for review.
          type: "jpeg",
          quality: 80,
          fullPage: true,
          animations: "disabled",
          caret: "hide",
        });
      }
    }
  });
});
