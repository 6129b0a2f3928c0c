// Page views never compile MDX: the production build, run in-process against
// this file's database, serves lessons from their stored compiled code. The
// build's own compilation counter (exported by its entry.server) must not move.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { createSession } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { ensureFreshBuild } from "../../server/build.mjs";
import { makePerson, makeUnit } from "../support/factories.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Entry = {
  compilationCount: () => number;
  createLoadContext: (info: { nonce: string; requestId: string; ip: string }) => unknown;
};

let build: ServerBuild;
let entry: Entry;
let cookie: string;
let personId: number;
let lessons: { url: string; title: string }[];

beforeAll(async () => {
  await ensureFreshBuild(ROOT, (m) => console.log(m));
  build = (await import(pathToFileURL(path.join(ROOT, "build/server/index.js")).href)) as ServerBuild;
  entry = build.entry.module as unknown as Entry;

  await syncContent(await readContentFiles(), new Date());
  const unit = await makeUnit({ kind: "AGENCY" });
  const person = await makePerson({ unitId: unit.id, roles: [{ role: "LEARNER", unitId: unit.id }] });
  personId = person.id;
  const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
  const { token } = await createSession(account.id, new Date());
  cookie = `kt1_session=${token}`;

  // Several lessons of the courses an agency clerk sees (ALL + AGENCY_CLERK).
  const versions = await getDb().lessonVersion.findMany({
    where: { lesson: { course: { audience: { hasSome: ["ALL", "AGENCY_CLERK"] } } } },
    orderBy: [{ lessonId: "asc" }, { version: "desc" }],
    distinct: ["lessonId"],
    select: { title: true, lesson: { select: { slug: true, position: true, course: { select: { slug: true } } } } },
  });
  lessons = versions
    .filter((v) => v.lesson.position <= 3)
    .map((v) => ({ url: `http://localhost/learn/${v.lesson.course.slug}/${v.lesson.slug}`, title: v.title }));
}, 600_000);

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

describe("lesson page views", () => {
  it("serve 20 views of several lessons without compiling anything", async () => {
    expect(lessons.length).toBeGreaterThanOrEqual(5);
    const handler = createRequestHandler(build, "production");
    const before = entry.compilationCount();
    for (let i = 0; i < 20; i++) {
      const lesson = lessons[i % lessons.length];
      const context = entry.createLoadContext({ nonce: "n", requestId: `t${i}`, ip: "127.0.0.1" });
      const res = await handler(new Request(lesson.url, { headers: { Cookie: cookie } }), context as never);
      const body = await res.text();
      expect(res.status, lesson.url).toBe(200);
      expect(body, lesson.url).toContain(escapeHtml(lesson.title));
      expect(body).toContain('class="lesson-body"');
      expect(res.headers.get("Server-Timing")).toMatch(/render;.*dur=/);
    }
    expect(entry.compilationCount()).toBe(before);
  });

  it("records the view and shows the header's unread count, read with the session", async () => {
    const handler = createRequestHandler(build, "production");
    const now = new Date();
    await getDb().notification.createMany({
      data: [
        { personId, kind: "OTHER", createdAt: now },
        { personId, kind: "OTHER", createdAt: now },
        { personId, kind: "OTHER", createdAt: now, readAt: now },
      ],
    });
    const context = entry.createLoadContext({ nonce: "n", requestId: "t-unread", ip: "127.0.0.1" });
    const res = await handler(new Request(lessons[0].url, { headers: { Cookie: cookie } }), context as never);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toMatch(/class="badge nav-badge">2</);
    const slug = decodeURIComponent(lessons[0].url.split("/").pop()!);
    expect(await getDb().lessonProgress.count({ where: { personId, lesson: { slug } } })).toBe(1);
  });

  it("answers 404 for a course outside the person's audience", async () => {
    const handler = createRequestHandler(build, "production");
    const postal = await getDb().lesson.findFirstOrThrow({
      where: { course: { audience: { equals: ["POSTAL_STAFF"] } } },
      select: { slug: true, course: { select: { slug: true } } },
    });
    const context = entry.createLoadContext({ nonce: "n", requestId: "t-404", ip: "127.0.0.1" });
    const res = await handler(
      new Request(`http://localhost/learn/${postal.course.slug}/${postal.slug}`, { headers: { Cookie: cookie } }),
      context as never,
    );
    expect(res.status).toBe(404);
    await res.text();
  });
});
