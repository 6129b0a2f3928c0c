// Drawing an attempt's questions: per topic, the number the exam asks for,
// preferring questions this learner has not seen; options shuffled. `random`
// is passed in (crypto-backed in the app, seeded in tests).
import { ok, refused, type Result } from "../result.ts";

export type Candidate = { questionId: number; versionId: number; topic: string; optionIds: string[] };

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function drawQuestions(
  candidates: readonly Candidate[],
  perTopic: Record<string, number>,
  seen: ReadonlySet<number>,
  random: () => number,
): Result<{ versionId: number; optionOrder: string[] }[], "SHORT_TOPICS", string> {
  const drawn: Candidate[] = [];
  const short: string[] = [];
  for (const [topic, n] of Object.entries(perTopic)) {
    const pool = candidates.filter((c) => c.topic === topic);
    if (pool.length < n) {
      short.push(topic);
      continue;
    }
    const unseen = shuffle(
      pool.filter((c) => !seen.has(c.questionId)),
      random,
    );
    const again = shuffle(
      pool.filter((c) => seen.has(c.questionId)),
      random,
    );
    drawn.push(...[...unseen, ...again].slice(0, n));
  }
  // Every topic the bank cannot fill, at once.
  if (short.length) return refused("SHORT_TOPICS", short);
  return ok(shuffle(drawn, random).map((c) => ({ versionId: c.versionId, optionOrder: shuffle(c.optionIds, random) })));
}
