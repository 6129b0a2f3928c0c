// `npm run screenshots`: the main page of each role (and the login page) at
// 1366×900 and 390×844, full length, into screenshots/ (git-ignored), for a
// reviewer to look at. Uses the browser suite's Chromium. With BASE_URL it
// shoots that running app (its demo logins must work); without, it starts the
// app as the browser suite does: a production build over a fresh demo database.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { findChromium, DEMO_PASSWORD } from "../tests/support/browser-launch.ts";
import startSuiteApp from "../tests/support/global-app.ts";

const OUT = path.resolve(import.meta.dirname, "../screenshots");
const SIZES = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
];
const ROLES = [
  { name: "learner", email: "learner@kt1.test" },
  { name: "postal", email: "postal@kt1.test" },
  { name: "trainer", email: "trainer@kt1.test" },
  { name: "manager", email: "manager@kt1.test" },
  { name: "auditor", email: "auditor@kt1.test" },
  { name: "admin", email: "admin@kt1.test" },
];

async function appUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BASE_URL) return { url: process.env.BASE_URL.replace(/\/$/, ""), stop: async () => {} };
  const provided: Record<string, string> = {};
  // The suite's global setup takes a vitest project; it only needs a name and provide().
  const project = { name: "screenshots", provide: (key: string, value: string) => (provided[key] = value) };
  const stop = await startSuiteApp(project as unknown as Parameters<typeof startSuiteApp>[0]);
  return { url: provided.baseUrl, stop: async () => void (await stop()) };
}

const app = await appUrl();
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  await mkdir(OUT, { recursive: true });
  for (const size of SIZES) {
    const anonymous = await browser.newPage({ viewport: size, baseURL: app.url });
    await anonymous.goto("/login");
    await anonymous.screenshot({ path: path.join(OUT, `login-${size.name}.png`), fullPage: true });
    await anonymous.close();
  }
  for (const role of ROLES) {
    const context = await browser.newContext({ viewport: SIZES[0], baseURL: app.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator('input[name="identifier"]').fill(role.email);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.reload({ waitUntil: "load" });
      const file = path.join(OUT, `${role.name}-${size.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${path.relative(process.cwd(), file)}  ${new URL(page.url()).pathname}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}
