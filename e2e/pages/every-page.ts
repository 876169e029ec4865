import { type Browser, type BrowserContext, type Page, expect } from "@playwright/test";
import { DEMO_PASSWORD, SignInPage } from "./sign-in.page";

/** Every console page, by a short name used in file names, with the path that opens it. */
export type ConsolePageVisit = { name: string; path: string };

export const SIGNED_OUT_PAGES: ConsolePageVisit[] = [
  { name: "login", path: "/login" },
  { name: "invite-link", path: "/invite/not-a-real-token" },
  { name: "reauth-link", path: "/reauth-link/not-a-real-token" },
];

/**
 * Signs in once as the demo admin in a fresh context, for specs that walk every page with one session;
 * `prepare` readies the context first (e.g. an init script that records what each page does).
 */
export async function signedInAdminPage(
  browser: Browser,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<Page> {
  const context = await browser.newContext();
  await prepare?.(context);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn("admin@demo.clawfleet.dev", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  return page;
}

/**
 * The signed-in pages: the top-level ones, one agent's every tab (the first agent of the list) and the first
 * gateway's defaults editor.
 */
export async function consolePages(page: Page): Promise<ConsolePageVisit[]> {
  await page.goto("/agents");
  const href = await page.locator("main table a[href^='/agents/']").first().getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto("/gateways");
  const defaultsHref = await page.locator("main a[href$='/defaults']").first().getAttribute("href");
  expect(defaultsHref).toBeTruthy();
  return [
    { name: "fleet", path: "/" },
    { name: "agents", path: "/agents" },
    { name: "agent-overview", path: `${href}` },
    { name: "agent-model", path: `${href}?tab=model` },
    { name: "agent-profiles", path: `${href}?tab=profiles` },
    { name: "agent-status", path: `${href}?tab=status` },
    { name: "credentials", path: "/credentials" },
    { name: "reauth", path: "/reauth" },
    { name: "auth-matrix", path: "/auth-matrix" },
    { name: "gateways", path: "/gateways" },
    { name: "gateway-defaults", path: `${defaultsHref}` },
    { name: "members", path: "/members" },
    { name: "audit", path: "/audit" },
    { name: "import", path: "/import" },
  ];
}

/** Opens a page and waits until it has its heading and nothing on it says it is still loading. */
export async function openSettled(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
}

/**
 * Opens every page once, settled, and hands it to `look`: the console's pages in one signed-in admin context
 * (made here and closed after), then the signed-out pages in `signedOut`. `prepare` readies both contexts.
 */
export async function visitEveryPage(
  browser: Browser,
  signedOut: Page,
  look: (page: Page, visit: ConsolePageVisit) => Promise<void>,
  viewport?: { width: number; height: number },
  prepare?: (context: BrowserContext) => Promise<void>,
) {
  await prepare?.(signedOut.context());
  const page = await signedInAdminPage(browser, prepare);
  try {
    if (viewport) await Promise.all([page.setViewportSize(viewport), signedOut.setViewportSize(viewport)]);
    const walks: [Page, ConsolePageVisit[]][] = [
      [page, await consolePages(page)],
      [signedOut, SIGNED_OUT_PAGES],
    ];
    for (const [viewer, visits] of walks) {
      for (const visit of visits) {
        await openSettled(viewer, visit.path);
        await look(viewer, visit);
      }
    }
  } finally {
    await page.context().close();
  }
}

/**
 * How far the page body runs past the window, in pixels (0 when nothing overflows sideways), and the elements
 * that stick out, to say what to fix.
 */
export async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const excess = document.documentElement.scrollWidth - width;
    const culprits: string[] = [];
    if (excess > 0) {
      for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
        const box = element.getBoundingClientRect();
        if (box.right <= width + 1 || box.width === 0) continue;
        // Only the outermost element that sticks out; anything inside a scrolling box is fine.
        const parent = element.parentElement;
        if (parent && parent.getBoundingClientRect().right > width + 1) continue;
        culprits.push(
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${Array.from(element.classList).slice(0, 4).join(".")} (right ${Math.round(box.right)})`,
        );
        if (culprits.length >= 5) break;
      }
    }
    return { excess: Math.max(excess, 0), culprits };
  });
}
