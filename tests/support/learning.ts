// Completing a lesson the legitimate way (decision 026): open it (a recorded
// view), then answer each of its knowledge checks correctly, through the services.
import { learnerChecks } from "~/domain/content/completion.ts";
import { knowledgeChecksOf } from "~/services/content/compile.server.ts";
import { answerKnowledgeCheck, markDone, markViewed } from "~/services/content/learning.server.ts";
import { getDb } from "~/utils/db.server.ts";

/** Records a view of the lesson and right answers to all its checks at `now`. */
export async function earnLesson(personId: number, lessonId: number, now: Date) {
  const version = await getDb().lessonVersion.findFirstOrThrow({
    where: { lessonId },
    orderBy: { version: "desc" },
    select: { id: true, contentHash: true, source: true },
  });
  await markViewed(personId, lessonId, now, []);
  for (const [check, key] of learnerChecks(knowledgeChecksOf(version.source)).entries()) {
    const result = await answerKnowledgeCheck(personId, version, { contentHash: version.contentHash, check, option: key.correct }, now);
    if (!result.ok || !result.value.correct) throw new Error(`could not answer check ${check} of lesson ${lessonId}`);
  }
}

/** Earns the lesson, then marks it done. */
export async function completeLesson(personId: number, lessonId: number, now: Date) {
  await earnLesson(personId, lessonId, now);
  const result = await markDone(personId, lessonId, now);
  if (!result.ok) throw new Error(`lesson ${lessonId} not done: ${JSON.stringify(result.reasons)}`);
  return result;
}
