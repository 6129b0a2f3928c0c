import type { SaveState } from "./taking.tsx";

// The exam page's autosave request (decision 082): every answer on the page to
// POST /exams/:attemptId/answers, which the HTTP server answers ahead of React
// Router (server/exam-answers.ts). Its replies are app/services/exams/exam-answers.server.ts's.
// The exam document's inline script is built from this function's source
// (exam-enhancements.ts): it must stay self-contained.

/** What the page does next: show the save's state, go to `redirect`, or nothing (no answer: the next change saves again). */
export type SaveOutcome = { state: NonNullable<SaveState> } | { redirect: string } | null;

export async function postAnswers(attemptId: number, form: FormData): Promise<SaveOutcome> {
  const body = new URLSearchParams();
  for (const [name, value] of form) if (typeof value === "string") body.append(name, value);
  let res: Response;
  let reply: { savedAt?: string; error?: string; redirect?: string };
  try {
    res = await fetch(`/exams/${attemptId}/answers`, { method: "POST", body, headers: { accept: "application/json" } });
    reply = (await res.json()) as typeof reply;
  } catch {
    return null; // offline, or not our JSON (a proxy's error page)
  }
  if (res.status === 200 && reply.savedAt) return { state: { ok: true, savedAt: reply.savedAt } };
  if (res.status === 400 && reply.error) return { state: { ok: false, error: reply.error } };
  // Over (409: the result), signed out (401) or a password to change (403).
  if (reply.redirect) return { redirect: reply.redirect };
  return null;
}
