// Drawing an attempt's questions: per topic, the number the exam asks for,
// preferring questions this learner has not seen; never two questions of one
// variant group (decision 050), even across topics; options shuffled. `random`
// is passed in (crypto-backed in the app, seeded in tests).
import { ok, refused, type Result } from "../result.ts";

/** `group`: the question's variant group; questions without one are each their own. */
export type Candidate = { questionId: number; versionId: number; topic: string; optionIds: string[]; group?: string | null };

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const groupOf = (c: Candidate) => c.group ?? `#${c.questionId}`;

/**
 * Every slot (one per question a topic asks for) gets a group no other slot
 * has, from the groups with a question in its topic: a bipartite matching,
 * found by augmenting paths so that a greedy first choice never makes a
 * feasible draw fail. Each slot tries its groups in order: groups with an
 * unseen question first, each part shuffled. Returns the matched group per
 * slot, or the topics of the slots left without one.
 */
function matchSlots(
  slots: readonly string[],
  groupsByTopic: ReadonlyMap<string, readonly string[]>,
): { matched: string[] } | { short: string[] } {
  const owner = new Map<string, number>();
  const matched: string[] = [];
  const tryAssign = (slot: number, visited: Set<string>): boolean => {
    for (const g of groupsByTopic.get(slots[slot]) ?? []) {
      if (visited.has(g)) continue;
      visited.add(g);
      const other = owner.get(g);
      if (other === undefined || tryAssign(other, visited)) {
        owner.set(g, slot);
        matched[slot] = g;
        return true;
      }
    }
    return false;
  };
  const short = new Set<string>();
  slots.forEach((topic, slot) => {
    if (!tryAssign(slot, new Set())) short.add(topic);
  });
  return short.size ? { short: [...short] } : { matched };
}

export function drawQuestions(
  candidates: readonly Candidate[],
  perTopic: Record<string, number>,
  seen: ReadonlySet<number>,
  random: () => number,
): Result<{ versionId: number; optionOrder: string[] }[], "SHORT_TOPICS", string> {
  const short: string[] = [];
  const slots: string[] = [];
  const groupsByTopic = new Map<string, string[]>();
  const pools = new Map<string, Candidate[]>();
  for (const [topic, n] of Object.entries(perTopic)) {
    const pool = candidates.filter((c) => c.topic === topic);
    const fresh = shuffle([...new Set(pool.filter((c) => !seen.has(c.questionId)).map(groupOf))], random);
    const again = shuffle(
      [...new Set(pool.map(groupOf))].filter((g) => !fresh.includes(g)),
      random,
    );
    // A topic whose own groups cannot fill it, reported without trying.
    if (fresh.length + again.length < n) {
      short.push(topic);
      continue;
    }
    pools.set(topic, pool);
    groupsByTopic.set(topic, [...fresh, ...again]);
    for (let i = 0; i < n; i++) slots.push(topic);
  }
  // Every topic the bank cannot fill, at once.
  if (short.length) return refused("SHORT_TOPICS", short);
  const match = matchSlots(slots, groupsByTopic);
  if ("short" in match) return refused("SHORT_TOPICS", match.short);
  const drawn = match.matched.map((group, slot) => {
    const inGroup = shuffle(
      pools.get(slots[slot])!.filter((c) => groupOf(c) === group),
      random,
    );
    return inGroup.find((c) => !seen.has(c.questionId)) ?? inGroup[0];
  });
  return ok(shuffle(drawn, random).map((c) => ({ versionId: c.versionId, optionOrder: shuffle(c.optionIds, random) })));
}
