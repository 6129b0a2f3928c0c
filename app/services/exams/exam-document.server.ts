// The exam page as a document (GET /exams/:attemptId, a page load), served
// ahead of React Router from a template (server/template-document.ts, decision
// 083). Every attempt of an exam shows the same page around its own values: the
// attempt's id, its questions (drawn and ordered for it), how many are answered,
// the deadline and the time left are holes, with the person's name and unit and
// the nonce; the exam, the number of questions, the language and the header are
// the template's key. Session and attempt are one statement.
import { timeAndDate } from "~/components/exams/refusals.tsx";
import { Prisma } from "~/generated/prisma/client.ts";
import { translate, type Locale } from "~/i18n/index.ts";
import type { TemplateRender } from "~/utils/context.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";
import {
  documentSessionId,
  documentUser,
  escapeHtml,
  fromTemplate,
  hole,
  PAGE_HOLES,
  type DocumentRequest,
} from "../document-template.server.ts";
import { sessionRowSql, type SessionRow } from "../sessions.server.ts";
import { attemptRowSql, takingFrom, type AttemptRow, type TakingAttempt } from "./attempts.server.ts";
import { questionsHtml } from "./questions-html.server.tsx";

/** The exam page's own holes, printed by its loader while a template renders. */
export const EXAM_HOLES = { attempt: hole("a"), questions: hole("q"), answered: hole("c"), deadline: hole("d"), remaining: hole("r") };

/** Everything the exam page shows besides an attempt's own values. */
export function examTemplateKey(locale: Locale, attempt: Pick<TakingAttempt, "title" | "certifying" | "questions">) {
  return JSON.stringify([locale, attempt.title, attempt.certifying, attempt.questions.length]);
}

/** What the page shows of an open attempt, as text: the same for the loader and the template's holes. */
export function takingDisplay(locale: Locale, attempt: TakingAttempt, now: Date) {
  return {
    attemptId: String(attempt.id),
    answered: String(attempt.questions.filter((q) => q.answer.length > 0).length),
    deadline: translate(locale, "exams.take.deadline", timeAndDate(attempt.deadlineAt)),
    remainingMs: String(attempt.deadlineAt.getTime() - now.getTime()),
  };
}

/**
 * The exam document for this request, or null: then React Router answers, as
 * before (no usable session, a flash message, an attempt that is not the
 * person's, one handed in or past its deadline, or a render that did not answer 200).
 */
export async function examDocument(
  req: DocumentRequest<{ attemptId: string }>,
  renderTemplate: (template: TemplateRender) => Promise<Response>,
) {
  const sessionId = documentSessionId(req.cookie);
  const id = parseId(req.params.attemptId);
  if (!sessionId || id === null) return null;
  const now = new Date();
  const [row] = await getDb().$queryRaw<(SessionRow & { attempt: AttemptRow | null })[]>`
    with session_row as (${sessionRowSql(sessionId)})
    select session_row.*,
           (select row_to_json(x) from (${attemptRowSql(id, Prisma.sql`(select person_id from session_row)`)}) x) as attempt
      from session_row`;
  const found = documentUser(sessionId, row, req.cookie, now);
  if (!found || !row.attempt) return null;
  const attempt = await takingFrom(row.attempt);
  if (attempt.status !== "IN_PROGRESS" || attempt.deadlineAt <= now) return null;
  const { user, locale, header } = found;
  const shown = takingDisplay(locale, attempt, now);
  const key = `/exams\n${header}\n${examTemplateKey(locale, attempt)}`;
  const body = await fromTemplate(key, renderTemplate, (t) => `/exams\n${t.header}\n${t.page}`, {
    [PAGE_HOLES.nonce]: req.nonce,
    [PAGE_HOLES.name]: escapeHtml(user.fullName),
    [PAGE_HOLES.unit]: escapeHtml(user.unitName),
    [PAGE_HOLES.path]: escapeHtml(req.path),
    [EXAM_HOLES.attempt]: shown.attemptId,
    [EXAM_HOLES.questions]: questionsHtml(locale, attempt.questions),
    [EXAM_HOLES.answered]: shown.answered,
    [EXAM_HOLES.deadline]: escapeHtml(shown.deadline),
    [EXAM_HOLES.remaining]: shown.remainingMs,
  });
  return body === null ? null : { body, cacheControl: "no-store" };
}
