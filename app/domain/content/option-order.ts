// A neutral order for a question's stored options (decision 050; content:balance).
// Exams shuffle options at draw time; this is about what the files, GIFT exports
// and printouts show, which must not give the key away by its position. Pure.
/** A small stable hash (FNV-1a), so reordering depends only on a question's key. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

type Reorderable = { key: string; type: string; options?: { correct?: boolean }[] };

/**
 * Options in a neutral order (content:balance): a SINGLE question whose key sits
 * at an over-used position has it swapped to the least-used one, until no
 * position holds more than its share (questions taken in an order set by their
 * keys' hashes, so no course keeps its keys first); a MULTIPLE question whose
 * keys are stacked at the top gets a shuffled order seeded by its key.
 * Questions already neutral are left as they are, so running it twice changes
 * nothing. Returns the keys of the questions it reordered (mutates `questions`).
 */
export function rebalanceOptions(questions: Reorderable[]): string[] {
  const moved = new Set<string>();
  const ordered = [...questions].sort((a, b) => hash(a.key) - hash(b.key) || (a.key < b.key ? -1 : 1));
  const list = ordered.filter((q) => q.type === "SINGLE" && (q.options?.length ?? 0) >= 3);
  const at = (q: Reorderable) => q.options!.findIndex((o) => o.correct);
  const widest = Math.max(0, ...list.map((q) => q.options!.length));
  const counts = Array.from({ length: widest }, () => 0);
  for (const q of list) counts[at(q)]++;
  // At most this many keys per position (a fair share of the first four).
  const cap = Math.ceil(list.length / Math.min(4, widest || 1));
  for (const q of list) {
    const from = at(q);
    if (counts[from] <= cap) continue;
    const n = q.options!.length;
    const to = Array.from({ length: n }, (_, i) => i)
      .filter((i) => i !== from)
      .sort((a, b) => counts[a] - counts[b] || ((hash(q.key) + a) % n) - ((hash(q.key) + b) % n))[0];
    [q.options![from], q.options![to]] = [q.options![to], q.options![from]];
    counts[from]--;
    counts[to]++;
    moved.add(q.key);
  }
  const stacked = (options: { correct?: boolean }[]) => {
    const right = options.filter((o) => o.correct).length;
    return options.slice(0, right).every((o) => o.correct);
  };
  for (const q of ordered) {
    if (q.type !== "MULTIPLE" || !q.options || q.options.every((o) => o.correct) || !stacked(q.options)) continue;
    let seed = hash(q.key) || 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    do {
      for (let i = q.options.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [q.options[i], q.options[j]] = [q.options[j], q.options[i]];
      }
    } while (stacked(q.options));
    moved.add(q.key);
  }
  return [...moved];
}
