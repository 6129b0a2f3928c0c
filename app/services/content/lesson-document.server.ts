// The lesson page as a document (a page load, not `.data`), served ahead of
// React Router for a signed-in learner (server/lesson-document.ts, decision 070).
// The page is the same for every learner in the same state; the person's name
// and unit and the CSP nonce are holes in a template React Router rendered once.
// Everything else the page shows is in the template's key, and the per-request
// data (session, unread count, duties, the lesson, their progress) is one statement.
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { navFor } from "~/components/nav.ts";
import { sessionState } from "~/domain/auth/session-expiry.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { isLocale, translate } from "~/i18n/index.ts";
import { headerTemplateKey, type TemplateRender } from "~/utils/context.server.ts";
import { cookieIn, LOCALE_COOKIE, SESSION_COOKIE } from "~/utils/cookies.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { FLASH_COOKIE } from "~/utils/flash.server.ts";
import { sessionIdOf, sessionRowSql, sessionUserOf, type SessionRow } from "../sessions.server.ts";
import { courseOpenTo } from "./learner-pages.server.ts";
import { lessonPageFrom, lessonRowsSql, type LessonRow } from "./learning.server.ts";
import { lessonView } from "./lesson-view.server.ts";

// Random per process, so that no lesson text or name can contain one.
const MARK = randomBytes(12).toString("hex");
const HOLES = { nonce: `kt1n${MARK}`, name: `kt1p${MARK}`, unit: `kt1u${MARK}` };
const HOLE = new RegExp(`(kt1[npu]${MARK})`);

// Templates split at their holes (odd indices), by key. A cache: losing it costs a render.
const templates = new LRUCache<string, string[]>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (parts) => parts.reduce((n, p) => n + p.length, 0) || 1,
});

let templateRenders = 0;
/** How many templates this process has rendered (tests prove that two learners share one). */
export const lessonTemplateRenders = () => templateRenders;

type DocumentRow = SessionRow & { lessons: LessonRow[] | null };

export type LessonDocumentRequest = { cookie: string | undefined; course: string; lesson: string; path: string; nonce: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The lesson document for this request, or null: then React Router answers,
 * exactly as before (no or unknown session, an expired one or one to renew, a
 * password to change, a flash message to show, a lesson not found or not open
 * to this person, or the template render did not answer 200). `renderTemplate`
 * renders this request through React Router with `template` in its context.
 */
export async function lessonDocument(req: LessonDocumentRequest, renderTemplate: (template: TemplateRender) => Promise<Response>) {
  const started = performance.now();
  const token = cookieIn(req.cookie, SESSION_COOKIE);
  if (!token || !/^[a-z2-7]{32}$/.test(token) || cookieIn(req.cookie, FLASH_COOKIE) !== null) return null;
  const now = new Date();
  const sessionId = sessionIdOf(token);
  const [row] = await getDb().$queryRaw<DocumentRow[]>`
    with session_row as (${sessionRowSql(sessionId)})
    select session_row.*,
           (select json_agg(r order by r.position)
              from (${lessonRowsSql(req.course, req.lesson, Prisma.sql`(select person_id from session_row)`)}) r) as lessons
      from session_row`;
  // The same checks as sessionMiddleware and the loader; anything else is theirs to answer.
  if (!row || row.status !== "ACTIVE" || row.must_change_password || sessionState(row.expires_at, now) !== "valid") return null;
  const user = sessionUserOf(sessionId, row);
  const page = lessonPageFrom(row.lessons ?? [], req.lesson, user.grants);
  if (!page || !courseOpenTo(page.course, page.audiences)) return null;
  const cookieLocale = cookieIn(req.cookie, LOCALE_COOKIE);
  const locale = isLocale(cookieLocale) ? cookieLocale : user.locale;
  const view = await lessonView(page, user, now, translate(locale, "app.name"));
  const header = headerTemplateKey(locale, navFor(user.grants, { hasDuties: row.has_duties }), row.unread);
  const key = `${req.path}\n${header}\n${view.templateKey}`;
  let parts = templates.get(key);
  if (!parts) {
    const template: TemplateRender = { holes: HOLES };
    templateRenders++;
    const response = await renderTemplate(template);
    if (response.status !== 200) {
      await response.body?.cancel();
      return null;
    }
    parts = (await response.text()).split(HOLE);
    // Kept only when the render saw the state this request read (no change in between).
    if (`${req.path}\n${template.header}\n${template.lesson}` === key) templates.set(key, parts);
  }
  const values: Record<string, string> = { [HOLES.nonce]: req.nonce, [HOLES.name]: escapeHtml(user.fullName), [HOLES.unit]: escapeHtml(user.unitName) };
  const body = parts.map((part, i) => (i % 2 === 1 ? values[part] : part)).join("");
  // As the loader's (the render time travels to the browser's devtools).
  const serverTiming = `render;desc="lesson HTML";dur=${view.renderMs.toFixed(1)}, total;dur=${(performance.now() - started).toFixed(1)}`;
  return { body, serverTiming };
}
