import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3499";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
const page = await ctx.newPage();
await page.goto(base + "/login");
await page.getByLabel("Mã nhân viên hoặc email").fill("manager@kt1.test");
await page.getByLabel("Mật khẩu").fill("Kt1-demo-2026");
await page.getByRole("button", { name: "Đăng nhập" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
const [path, ...ys] = process.argv.slice(2);
await page.goto(base + path);
if (process.env.CLICK) { await page.getByRole("button", { name: process.env.CLICK }).click(); await page.waitForTimeout(1500); }
for (const y of ys) await page.screenshot({ path: `/tmp/shots/p-${y}.png`, clip: { x: 0, y: Number(y), width: 375, height: 800 }, fullPage: true });
await browser.close();
