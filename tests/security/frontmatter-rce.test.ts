// Issue 11, item 1: a lesson's front matter opened with `---js` (also
// `---javascript`, `--- js`) was evaluated as JavaScript on the server by
// gray-matter's engines — through the editor's preview, save/publish and
// content:check/sync. Every such header must now be refused with a clear problem
// on line 1, and no path may run a single character of it.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemMessage } from "~/components/trainer/problem-message.ts";
import { translate, type MessageKey, type Params } from "~/i18n/index.ts";
import { previewLesson } from "~/services/content/authoring.server.ts";
import { checkLesson } from "~/services/content/compile.server.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { publishLesson, saveDraft } from "~/services/content/publish.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FENCES = ["---js", "---javascript", "--- js", "---coffee"];
const vi = (key: MessageKey, params?: Params) => translate("vi", key, params);
const REFUSAL = "Dòng 1: dòng đầu tiên phải đúng là ba dấu gạch ngang ---";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kt1-rce-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A lesson whose header, if evaluated, writes a file and sets a global (no braces: the MDX parser must not stop it first). */
function payload(fence: string, marker: string) {
  const file = path.join(dir, marker);
  const code = `require("fs").writeFileSync(${JSON.stringify(file)}, "pwned"), globalThis.__kt1Pwned = ${JSON.stringify(marker)}`;
  const body = `Xin chào\n\n<KnowledgeCheck question="Câu hỏi ôn tập?">\n<Option correct>Có</Option>\n<Option>Không</Option>\n</KnowledgeCheck>\n`;
  return { file, source: `${fence}\n${code}\n---\n\n${body}` };
}
const pwned = () => (globalThis as { __kt1Pwned?: string }).__kt1Pwned;

describe("through the editor over HTTP, as trainer@kt1.test", () => {
  it("the live preview refuses every code fence on line 1 and runs none of it", async () => {
    const cookie = await loginCookie("trainer@kt1.test");
    for (const [i, fence] of FENCES.entries()) {
      const { file, source } = payload(fence, `http-preview-${i}`);
      const res = await post("/trainer/lessons/1/preview", { source }, cookie);
      const body = await res.text();
      expect(existsSync(file), `${fence} ran on the server`).toBe(false);
      expect(res.status).toBe(200);
      expect(body).toMatch(/FRONTMATTER_FENCE/);
    }
  });

  it("the editor's preview and publish show the refusal in Vietnamese; a saved draft runs nothing when the editor opens", async () => {
    const cookie = await loginCookie("trainer@kt1.test");
    const [before] = await appSql<{ source: string; updated_at: Date; updated_by_id: number | null }>(
      "select source, updated_at, updated_by_id from lesson_drafts where lesson_id = 1",
    );
    const versions = await appSql("select count(*)::int as n from lesson_versions where lesson_id = 1");
    const { file, source } = payload("---js", "http-editor");
    try {
      for (const intent of ["preview", "publish"]) {
        const html = await (await post("/trainer/lessons/1", { intent, source }, cookie)).text();
        expect(existsSync(file), `${intent} ran the header`).toBe(false);
        expect(html).toContain(REFUSAL);
        expect(html).toContain("---js, ---javascript, ---coffee… không được chấp nhận");
      }
      expect((await post("/trainer/lessons/1", { intent: "save", source }, cookie)).status).toBe(302);
      expect((await get("/trainer/lessons/1", cookie)).status).toBe(200);
      expect(existsSync(file)).toBe(false);
      expect(await appSql("select count(*)::int as n from lesson_versions where lesson_id = 1")).toEqual(versions);
    } finally {
      if (before)
        await appSql("update lesson_drafts set source = $1, updated_at = $2, updated_by_id = $3 where lesson_id = 1", [
          before.source,
          before.updated_at,
          before.updated_by_id,
        ]);
      else await appSql("delete from lesson_drafts where lesson_id = 1");
    }
  });
});

describe("through the services (preview, save, publish, sync)", () => {
  it("refuses each fence on line 1 with a Vietnamese sentence, publishes nothing and runs nothing", async () => {
    const unit = await makeUnit();
    const trainer = await makePerson({ unitId: unit.id, roles: [{ role: "TRAINER", unitId: unit.id }] });
    const course = await getDb().course.create({
      data: { slug: "rce-thu", title: "Khóa thử", description: "Khóa học để thử", audience: ["ALL"], position: 99 },
    });
    const lesson = await getDb().lesson.create({ data: { courseId: course.id, slug: "bai-thu", position: 1 } });
    const now = new Date();
    for (const [i, fence] of FENCES.entries()) {
      const { file, source } = payload(fence, `service-${i}`);
      const preview = await previewLesson(source, now);
      await saveDraft(lesson.id, source, trainer.id, now);
      const published = await publishLesson(lesson.id, source, trainer.id, now);
      expect(existsSync(file), `${fence} ran`).toBe(false);
      expect(pwned()).toBeUndefined();
      expect(preview).toEqual({ problems: [{ code: "FRONTMATTER_FENCE", line: 1, detail: fence }], html: null });
      expect(published).toEqual({ ok: false, code: "INVALID", reasons: [{ code: "FRONTMATTER_FENCE", line: 1, detail: fence }] });
      expect(problemMessage(vi, preview.problems[0])).toContain(REFUSAL);
    }
    expect(await getDb().lessonVersion.count({ where: { lessonId: lesson.id } })).toBe(0);
  });

  it("content:sync refuses a folder holding such a lesson and runs nothing", async () => {
    const folder = await contentFolder("sync");
    await expect(syncContent(await readContentFiles(folder.dir), new Date())).rejects.toThrow(/01-bai-mot\.mdx: FRONTMATTER_FENCE@1/);
    expect(existsSync(folder.file)).toBe(false);
    expect(pwned()).toBeUndefined();
  });

  it("keeps no cache of the sources it read (gray-matter kept every one, forever)", () => {
    const grayMatter = createRequire(createRequire(import.meta.url).resolve("mdx-bundler"))("gray-matter") as {
      cache: Record<string, unknown>;
    };
    for (let i = 0; i < 5; i++)
      checkLesson(`---\ntitle: Bài ${i}\nsummary: Một bài để thử bộ nhớ đệm.\nminutes: 5\n---\n\nBài ${i}\n`, {
        documents: new Set(),
        provisions: new Set(),
        terms: new Set(),
      });
    expect(Object.keys(grayMatter.cache)).toEqual([]);
  });
});

/** A content/ folder with one course whose only lesson carries the payload. */
async function contentFolder(name: string) {
  const root = path.join(dir, `content-${name}`);
  const { file, source } = payload("---js", `${name}-ran`);
  await mkdir(path.join(root, "legal"), { recursive: true });
  await mkdir(path.join(root, "courses", "thu-nghiem"), { recursive: true });
  await writeFile(path.join(root, "legal", "documents.json"), "[]");
  await writeFile(path.join(root, "glossary.json"), "[]");
  await writeFile(path.join(root, "certifications.json"), "[]");
  const course = { slug: "thu-nghiem", order: 1, title: "Khóa thử nghiệm", description: "Một khóa học để thử nghiệm.", audience: ["ALL"] };
  await writeFile(path.join(root, "courses", "thu-nghiem", "course.json"), JSON.stringify(course));
  await writeFile(path.join(root, "courses", "thu-nghiem", "01-bai-mot.mdx"), source);
  return { dir: root, file };
}

describe("npm run content:check", () => {
  it("reports the refusal in Vietnamese on line 1 of the file, fails, and runs nothing", async () => {
    const folder = await contentFolder("check");
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/content/check.ts", folder.dir], { cwd: ROOT });
    const failure = (await run.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )) ?? { code: 0, stderr: "" };
    expect(existsSync(folder.file), "content:check ran the header").toBe(false);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(`courses/thu-nghiem/01-bai-mot.mdx:1 FRONTMATTER_FENCE ${REFUSAL}`);
  });
});
