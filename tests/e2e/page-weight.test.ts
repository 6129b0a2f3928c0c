// Page weight (issue 15, decisions 063, 074 and 070): a page loads one language's
// dictionary, not both, as a cached script of its own (not inside every page),
// and a lesson's body once (in the markup); a lesson document is not hydrated at
// all (no dictionary, no app script); the dashboard's coverage table and charts come
// once, in the markup (decision 078). The sizes are printed for the decision's record.
import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const COURSE = "gui-nhan-tai-lieu-mat-qua-kt1";

async function firstLessonPath() {
  const [lesson] = await appSql<{ slug: string }>(
    `select l.slug from lessons l join courses c on c.id = l.course_id
      where c.slug = $1 and exists (select 1 from lesson_versions v where v.lesson_id = l.id) order by l.position limit 1`,
    [COURSE],
  );
  return `/learn/${COURSE}/${lesson.slug}`;
}

/** The scripts a page loads: its module preloads. */
async function scriptsOf(html: string, cookie: string) {
  const srcs = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
  return Promise.all(srcs.map(async (src) => (await get(src, cookie)).text()));
}

describe("page weight", () => {
  it("a lesson page sends its body once, with one small script and no hydration data", async () => {
    const cookie = await loginCookie("learner@kt1.test");
    const html = await (await get(await firstLessonPath(), cookie)).text();
    const body = html.match(/<article id="lesson-body" class="lesson-body"[^>]*>([\s\S]*?)<\/article>/)?.[1] ?? "";
    expect(body.length).toBeGreaterThan(1000);
    // A long run of the body's text (no markup, nothing JSON would escape) occurs once in the whole response.
    const run = body
      .replace(/<[^>]+>/g, "\n")
      .split("\n")
      .filter((s) => !/["\\&<>]/.test(s))
      .reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), "");
    expect(run.length).toBeGreaterThan(40);
    expect(html.split(run).length - 1).toBe(1);
    // Decision 070: no dictionary, no module scripts, no hydration data; one inline script.
    expect(html).not.toContain("kt1-messages");
    expect(html).not.toContain("__reactRouterContext");
    expect(await scriptsOf(html, cookie)).toEqual([]);
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    console.log(
      `lesson page: HTML ${Buffer.byteLength(html)} bytes, body ${Buffer.byteLength(body)} bytes, script ${Buffer.byteLength(scripts[0])} bytes`,
    );
  });

  it("a hydrated page loads one language's dictionary", async () => {
    const cookie = await loginCookie("learner@kt1.test");
    const html = await (await get(`/learn/${COURSE}`, cookie)).text();
    // The page loads the Vietnamese dictionary as an immutable script and does not carry it;
    // the English one is nowhere, nor in its scripts.
    const src = /<script id="kt1-messages" nonce="[^"]+" src="(\/assets\/i18n-vi-[0-9a-f]{16}\.js)">/.exec(html)?.[1];
    expect(src, "the dictionary script").toBeTruthy();
    const dictionary = await get(src!, cookie);
    expect(dictionary.headers.get("cache-control")).toContain("immutable");
    const words = await dictionary.text();
    expect(words).toContain('window.__kt1Messages = {"locale":"vi"');
    expect(words).toContain("Tổng quan chứng nhận");
    expect(html).not.toContain("Tổng quan chứng nhận");
    const scripts = await scriptsOf(html, cookie);
    for (const text of [html, words, ...scripts]) expect(text).not.toContain("Certification overview");
    const js = scripts.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    console.log(`course page: HTML ${Buffer.byteLength(html)} bytes, JS ${js} bytes in ${scripts.length} files`);
  });

  it("a lesson document runs its checks unhydrated; a link from a hydrated page brings the body in the data; language switches", async () => {
    const page = await newPage();
    await loginAs(page, "learner@kt1.test");
    const path = await firstLessonPath();
    await page.goto(path);
    const article = page.locator("article#lesson-body");
    const before = await article.innerHTML();
    expect(before.length).toBeGreaterThan(1000);
    await article.locator("[data-knowledge-check][data-ready]").first().waitFor();
    expect(await page.evaluate(() => "__reactRouterContext" in window)).toBe(false);
    const title = (await page.locator("h1").textContent())!;
    // The next lesson: a plain link, a page load.
    const next = page.locator("a.lesson-pager__link--next");
    const nextTitle = (await next.locator(".lesson-pager__title").textContent())!;
    await next.click();
    await expectHeading(page, nextTitle);

    // From the course page (hydrated), the lesson's link is client-side navigation: its body arrives with the data.
    await page.goto(`/learn/${COURSE}`);
    await page.waitForFunction(() => "__reactRouterContext" in window);
    await page.evaluate(() => ((window as { __stayed?: boolean }).__stayed = true));
    await page.getByRole("link", { name: title, exact: true }).click();
    await expectHeading(page, title);
    await page.waitForFunction(() => (document.getElementById("lesson-body")?.innerHTML.length ?? 0) > 1000);
    await article.locator("[data-knowledge-check][data-ready]").first().waitFor();
    expect(await page.evaluate(() => (window as { __stayed?: boolean }).__stayed)).toBe(true);

    // Another language loads the page anew in that language.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Tiếng Việt" }).waitFor();
    await page.getByRole("link", { name: "Learning" }).first().waitFor();
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await page.getByRole("button", { name: "English" }).waitFor();
  });

  it("the dashboard sends its coverage table and charts once, and their links navigate in the app", async () => {
    const cookie = await loginCookie("manager@kt1.test");
    const html = await (await get("/dashboard", cookie)).text();
    // React Router's inline scripts: the hydration data and its stream.
    const hydration = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("\n");
    expect(hydration).toContain("__reactRouterContext");
    // A bar's tooltip ("<unit>: <percent>") is in the markup once and not in the hydration data.
    const bar = /<g><title>([^<]+)<\/title>/.exec(html)?.[1];
    expect(bar, "a coverage bar").toBeTruthy();
    expect(html.split(bar!).length - 1).toBe(1);
    for (const key of ["coverageChart", "headcount", "expiries"]) expect(hydration).not.toContain(`"${key}"`);
    console.log(`dashboard: HTML ${Buffer.byteLength(html)} bytes, inline scripts ${Buffer.byteLength(hydration)} bytes`);

    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "In trang này" }).waitFor(); // shown once hydrated
    await page.evaluate(() => ((window as { __stayed?: boolean }).__stayed = true));
    const coverage = page.locator("table.dash-coverage");
    await coverage
      .getByRole("row", { name: /Bưu điện phường Hạc Thành/ })
      .getByRole("link", { name: "Xem đơn vị trực thuộc" })
      .click();
    await page.waitForURL((url) => url.pathname === "/dashboard" && url.searchParams.has("unit"));
    // The new view's tables arrived with the data, without a page load.
    await coverage.getByRole("link", { name: "Bưu cục KT1 Hạc Thành", exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __stayed?: boolean }).__stayed)).toBe(true);
    // Back: the first view's tables again.
    await page.goBack();
    // The URL changes at once; the first view's tables come with its data.
    await coverage.getByRole("link", { name: "Bưu cục KT1 Hạc Thành", exact: true }).waitFor({ state: "detached" });
    await coverage.getByRole("link", { name: "Bưu điện phường Hạc Thành", exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __stayed?: boolean }).__stayed)).toBe(true);
  });
});
