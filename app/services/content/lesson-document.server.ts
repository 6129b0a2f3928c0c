// The lesson page as a document (a page load, not `.data`), served ahead of
// React Router for a signed-in learner (server/template-document.ts, decision 070).
// The page is the same for every learner in the same state; the person's name
// and unit and the CSP nonce are holes in a template React Router rendered once
// (document-template.server.ts). Everything else the page shows is in the
// template's key, and the per-request data (session, unread count, duties, the
// lesson, their progress) is one statement.
import { Prisma } from "~/generated/prisma/client.ts";
import { translate } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";
import {
  documentSessionId,
  documentUser,
  escapeHtml,
  fromTemplate,
  PAGE_HOLES,
  templateRenders,
  type DocumentRequest,
} from "../document-template.server.ts";
import { sessionRowSql, type SessionRow } from "../sessions.server.ts";
import type { TemplateRender } from "~/utils/context.server.ts";
import { courseOpenTo } from "./learner-pages.server.ts";
import { lessonPageFrom, lessonRowsSql, type LessonRow } from "./learning.server.ts";
import { lessonView } from "./lesson-view.server.ts";

/** How many templates this process has rendered (tests prove that two learners share one). */
export const lessonTemplateRenders = templateRenders;

type DocumentRow = SessionRow & { lessons: LessonRow[] | null };

/** The one statement of a lesson view: the session's row with the course's lessons and this person's progress in them. */
export function lessonDocumentSql(sessionId: string, course: string, lesson: string) {
  return Prisma.sql`
    with session_row as (${sessionRowSql(sessionId)})
    select session_row.*,
           (select json_agg(r order by r.position)
              from (${lessonRowsSql(course, lesson, Prisma.sql`(select person_id from session_row)`)}) r) as lessons
      from session_row`;
}

/**
 * The lesson document for this request, or null: then React Router answers,
 * exactly as before (no or unknown session, an expired one or one to renew, a
 * password to change, a flash message to show, a lesson not found or not open
 * to this person, or the template render did not answer 200). `renderTemplate`
 * renders this request through React Router with `template` in its context.
 */
export async function lessonDocument(
  req: DocumentRequest<{ course: string; lesson: string }>,
  renderTemplate: (template: TemplateRender) => Promise<Response>,
) {
  const started = performance.now();
  const sessionId = documentSessionId(req.cookie);
  if (!sessionId) return null;
  const now = new Date();
  const [row] = await getDb().$queryRaw<DocumentRow[]>(lessonDocumentSql(sessionId, req.params.course, req.params.lesson));
  const found = documentUser(sessionId, row, req.cookie, now);
  if (!found) return null;
  const { user, locale, header } = found;
  const page = lessonPageFrom(row.lessons ?? [], req.params.lesson, user.grants);
  if (!page || !courseOpenTo(page.course, page.audiences)) return null;
  const view = await lessonView(page, user, now, translate(locale, "app.name"));
  const key = `${req.path}\n${header}\n${view.templateKey}`;
  const body = await fromTemplate(key, renderTemplate, (t) => `${req.path}\n${t.header}\n${t.page}`, {
    [PAGE_HOLES.nonce]: req.nonce,
    [PAGE_HOLES.name]: escapeHtml(user.fullName),
    [PAGE_HOLES.unit]: escapeHtml(user.unitName),
    [PAGE_HOLES.path]: escapeHtml(req.path),
  });
  if (body === null) return null;
  // As the loader's (the render time travels to the browser's devtools).
  const serverTiming = `render;desc="lesson HTML";dur=${view.renderMs.toFixed(1)}, total;dur=${(performance.now() - started).toFixed(1)}`;
  return { body, serverTiming };
}
