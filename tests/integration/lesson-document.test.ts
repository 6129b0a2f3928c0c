// The lesson page's document served ahead of React Router from a template
// (decision 070): the production build and server/app.ts, in-process, against
// this file's database.
import type { AddressInfo } from "node:net";
import { request as httpRequest, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import pino from "pino";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { createSession } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseEnv } from "~/utils/env.server.ts";
import { ensureFreshBuild } from "../../server/build.mjs";
import { createApp } from "../../server/app.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

let server: Server;
let close: () => Promise<void>;
let base: string;
let templateRenders: () => number;
let unitId: number;
let lesson: { path: string; courseSlug: string; total: number };

async function learner(fullName: string) {
  const person = await makePerson({ unitId, fullName, roles: [{ role: "LEARNER", unitId }] });
  const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
  const { token } = await createSession(account.id, new Date());
  return { personId: person.id, accountId: account.id, cookie: `kt1_session=${token}` };
}

async function get(url: string, cookie: string) {
  const res = await fetch(`${base}${url}`, { headers: { cookie }, redirect: "manual" });
  return { res, body: await res.text() };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

beforeAll(async () => {
  await ensureFreshBuild(ROOT, (m) => console.log(m));
  const build = (await import(pathToFileURL(path.join(ROOT, "build/server/index.js")).href)) as ServerBuild;
  templateRenders = (build.entry.module as unknown as { lessonTemplateRenders: () => number }).lessonTemplateRenders;
  await syncContent(await readContentFiles(), new Date());
  unitId = (await makeUnit({ kind: "AGENCY" })).id;
  const [first] = await getDb().$queryRaw<{ course: string; lesson: string; total: number }[]>`
    select c.slug as course, l.slug as lesson,
           (select count(*)::int from lessons x where x.course_id = c.id and exists (select 1 from lesson_versions v where v.lesson_id = x.id)) as total
      from courses c join lessons l on l.course_id = c.id
     where c.audience && array['ALL', 'AGENCY_CLERK'] and exists (select 1 from lesson_versions v where v.lesson_id = l.id)
     order by c.position, l.position limit 1`;
  lesson = { path: `/learn/${first.course}/${first.lesson}`, courseSlug: first.course, total: first.total };
  const env = parseEnv({ NODE_ENV: "production", HOST: "127.0.0.1" });
  const app = createApp({
    build,
    buildDir: path.join(ROOT, "build"),
    databaseUrl: process.env.DATABASE_URL!,
    log: pino({ level: "silent" }),
    env,
  });
  close = app.close;
  server = app.app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 600_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await close?.();
});

describe("the lesson document", () => {
  it("shows each learner their own name and progress, two learners in the same state sharing one template", async () => {
    const a = await learner("Trần Văn An");
    const b = await learner(`Lê <b>Bình</b> & "Cường"`);
    const first = await get(lesson.path, a.cookie);
    expect(first.res.status).toBe(200);
    const renders = templateRenders();
    const second = await get(lesson.path, b.cookie);
    expect(second.res.status).toBe(200);
    // B's page came from A's template: no render in between.
    expect(templateRenders()).toBe(renders);
    expect(first.body).toContain("Trần Văn An");
    expect(first.body).not.toContain("Bình");
    expect(second.body).toContain(escapeHtml(`Lê <b>Bình</b> & "Cường"`));
    expect(second.body).not.toContain("<b>Bình</b>");
    expect(second.body).not.toContain("Trần Văn An");

    // C has finished the lesson: another template, C's progress; A's page is unchanged.
    const c = await learner("Phạm Thị Chi");
    const lessonId = (
      await getDb().lesson.findFirstOrThrow({ where: { slug: lesson.path.split("/")[3], course: { slug: lesson.courseSlug } } })
    ).id;
    await getDb().lessonProgress.create({ data: { personId: c.personId, lessonId, lastViewedAt: new Date(), completedAt: new Date() } });
    const third = await get(lesson.path, c.cookie);
    expect(third.body).toContain("Phạm Thị Chi");
    expect(third.body).toContain(`1/${lesson.total} bài`);
    expect(third.body).toContain("lesson-status__done");
    const again = await get(lesson.path, a.cookie);
    expect(again.body).toContain(`0/${lesson.total} bài`);
    expect(again.body).not.toContain("lesson-status__done");
    expect(again.body).not.toContain("Phạm Thị Chi");
  });

  it("carries no hydration data and no React Router scripts: one inline script with this response's nonce", async () => {
    const a = await learner("Đỗ Minh Đức");
    const { res, body } = await get(lesson.path, a.cookie);
    expect(res.status).toBe(200);
    expect(body).not.toContain("__reactRouterContext");
    expect(body).not.toContain("__reactRouterRouteModules");
    expect(body).not.toContain('type="module"');
    expect(body).not.toContain("modulepreload");
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const scripts = [...body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([` nonce="${nonce}"`]);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // Client-side navigation still gets the lesson from React Router, body included.
    const data = await get(`${lesson.path}.data`, a.cookie);
    expect(data.res.status).toBe(200);
    expect(data.body).toContain('"html"');
    expect(data.body.length).toBeGreaterThan(1000);
  });

  it("refuses an expired or revoked session with the login redirect, and clears the cookie", async () => {
    const a = await learner("Vũ Thị Em");
    expect((await get(lesson.path, a.cookie)).res.status).toBe(200);
    await getDb().session.updateMany({ where: { accountId: a.accountId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await get(lesson.path, a.cookie);
    expect(expired.res.status).toBe(302);
    expect(expired.res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(lesson.path)}`);
    expect(expired.res.headers.get("set-cookie")).toMatch(/^kt1_session=;/);
    expect(expired.body).not.toContain("Vũ Thị Em");

    const b = await learner("Hoàng Văn Phúc");
    expect((await get(lesson.path, b.cookie)).res.status).toBe(200);
    await getDb().session.deleteMany({ where: { accountId: b.accountId } });
    const revoked = await get(lesson.path, b.cookie);
    expect(revoked.res.status).toBe(302);
    expect(revoked.res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("reaches a browser compressed as it asks, brotli or gzip, and decodes to the whole page", async () => {
    const a = await learner("Phạm Thị Nén");
    /** The raw bytes and encoding (fetch would decode them itself). */
    const raw = (acceptEncoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(`${base}${lesson.path}`, { headers: { cookie: a.cookie, "accept-encoding": acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end();
      });
    const br = await raw("gzip, deflate, br, zstd");
    expect(br.encoding).toBe("br");
    const gzip = await raw("gzip");
    expect(gzip.encoding).toBe("gzip");
    for (const page of [zlib.brotliDecompressSync(br.body).toString("utf8"), zlib.gunzipSync(gzip.body).toString("utf8")]) {
      expect(page).toContain("Phạm Thị Nén");
      expect(page.trimEnd().endsWith("</html>")).toBe(true);
    }
    // Smaller than the page by far either way (levels chosen in decision 080).
    expect(br.body.length).toBeLessThan(zlib.brotliDecompressSync(br.body).length / 2);
  });
});
