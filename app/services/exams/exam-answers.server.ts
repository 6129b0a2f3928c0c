// The exam page's autosave (POST /exams/:attemptId/answers), answered ahead of
// React Router by server/exam-answers.ts (decision 082): the session read as
// the root middleware reads it, then the route action's own save. A save
// changes nothing the page shows, so it needs none of the framework's work
// (matching, middleware, revalidation, turbo-stream); it answers JSON the
// page's script reads. The rules are saveOrHandIn's, as for the page's own form.
import { translate } from "~/i18n/index.ts";
import { clearSessionCookie, cookieIn, localeOf, SESSION_COOKIE, sessionCookie } from "~/utils/cookies.server.ts";
import { parseId } from "~/utils/ids.ts";
import { validateSessionToken } from "../sessions.server.ts";
import { attemptForTaking, saveOrHandIn } from "./attempts.server.ts";

export type AnswersRequest = { cookie: string | undefined; attemptId: string; form: URLSearchParams; now: Date };

/**
 * What the page is told: 200 `{ savedAt }`; 400 `{ error }` (an answer the question does not
 * take: nothing saved); 409 `{ redirect }` when the attempt is over (past its deadline it is
 * handed in with what was saved in time); 401 `{ redirect }` to sign in again; 403 while a
 * password must be changed; 404 for an attempt that is not the person's, as the page answers.
 */
export type AnswersReply = { status: 200 | 400 | 401 | 403 | 404 | 409; body: Record<string, string>; setCookie?: string };

export async function saveExamAnswers(req: AnswersRequest): Promise<AnswersReply> {
  const resultPath = `/exams/${req.attemptId}/result`;
  const token = cookieIn(req.cookie, SESSION_COOKIE);
  const found = token ? await validateSessionToken(token, req.now) : null;
  if (!found) {
    const redirect = `/login?redirectTo=${encodeURIComponent(`/exams/${req.attemptId}`)}`;
    return { status: 401, body: { redirect }, setCookie: token ? clearSessionCookie() : undefined };
  }
  const setCookie = found.renewedUntil && token ? sessionCookie(token, found.renewedUntil, req.now) : undefined;
  const reply = (status: AnswersReply["status"], body: Record<string, string>): AnswersReply => ({ status, body, setCookie });
  const { user } = found;
  if (user.mustChangePassword) return reply(403, { redirect: "/account/password" });
  const id = parseId(req.attemptId);
  const attempt = id === null ? null : await attemptForTaking(id, user.personId);
  if (!attempt || id === null) return reply(404, {});
  if (attempt.status !== "IN_PROGRESS") return reply(409, { redirect: resultPath });
  const saved = await saveOrHandIn(attempt, user.personId, req.form, req.now);
  if (saved.ok) return reply(200, { savedAt: req.now.toISOString() });
  if (saved.code === "NOT_FOUND") return reply(404, {});
  if (saved.code === "DEADLINE_PASSED" || saved.code === "CLOSED") return reply(409, { redirect: resultPath });
  return reply(400, { error: translate(localeOf(req.cookie, user.locale), "exams.take.invalidAnswer") });
}
