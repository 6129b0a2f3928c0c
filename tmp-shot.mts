import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3499";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function run(width: number, tag: string, email = "manager@kt1.test") {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
  await page.goto(base + "/login");
  await page.getByLabel("Mã nhân viên hoặc email").fill(email);
  await page.getByLabel("Mật khẩu").fill("Kt1-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  for (const [name, path] of [["home", "/roster"], ["week", "/roster/stations/1"], ["gaps", "/roster/gaps"], ["admin", "/roster/admin"], ["refusals", "/roster/refusals"]]) {
    await page.goto(base + path);
    await page.screenshot({ path: `/tmp/shots/${tag}-${name}.png`, fullPage: true });
  }
  await page.goto(base + "/roster/stations/1");
  await page.locator(".roster-shift--short a").nth(3).click();
  await page.waitForURL(/shifts/);
  await page.screenshot({ path: `/tmp/shots/${tag}-shift.png`, fullPage: true });
  const btn = page.locator(".roster-person--ineligible button").first();
  if (await btn.count()) { await btn.click(); await page.waitForTimeout(1500); await page.screenshot({ path: `/tmp/shots/${tag}-refused.png`, fullPage: false }); }
  await ctx.close();
}
await run(1280, "desk", "admin@kt1.test");
await run(375, "phone");
await browser.close();
