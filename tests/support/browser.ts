// The browser suite's pages: one Chromium per test file (found by browser-launch.ts),
// a fresh context per test, console errors fail the test.
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { DEMO_PASSWORD, findChromium } from "./browser-launch.ts";

export { DEMO_PASSWORD };

/** A browser for one test file; each test gets a fresh context and page. Console errors fail the test. */
export function useBrowser() {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let consoleErrors: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
    const errors = consoleErrors;
    consoleErrors = [];
    expect(errors, "console errors in the browser").toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  async function newPage(opts: { javaScript?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      javaScriptEnabled: opts.javaScript ?? true,
      viewport: opts.viewport ?? { width: 1280, height: 800 },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (msg) => {
      // A 4xx answer (a refused login, a form with errors) is the app speaking, not a fault.
      if (msg.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
        consoleErrors.push(msg.text());
      }
    });
    page.on("pageerror", (err) => consoleErrors.push(String(err)));
    return page;
  }
  async function loginAs(page: Page, email: string, password = DEMO_PASSWORD) {
    await page.goto("/login");
    await page.getByLabel("Mã nhân viên hoặc email").fill(email);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }
  return { newPage, loginAs, baseUrl };
}

/** Waits until the page's main heading reads `name` (navigation is asynchronous). */
export async function expectHeading(page: Page, name: string | RegExp) {
  await page.getByRole("heading", { level: 1, name }).waitFor({ timeout: 10_000 });
}
