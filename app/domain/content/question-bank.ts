// Rules for the shipped question bank that content:check enforces (decision 050):
// near-duplicate stems that could land in one exam must share a variant group;
// the right option may not sit mostly in one position, nor be mostly the
// longest; every question cites law in force unless it is explicitly about
// history. Pure: the caller reads the files.

export type LegalStatus = "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED";

export type BankQuestion = {
  key: string;
  course: string;
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE";
  stem: string;
  options?: { text: string; correct?: boolean }[];
  variantGroup?: string;
  historical?: boolean;
  citations: { doc: string; article?: string; clause?: string; point?: string }[];
};

export type RegistryDocument = {
  code: string;
  status: LegalStatus;
  provisions: { article: string; clause?: string; point?: string; status?: LegalStatus }[];
};

/** Stems this alike (token Jaccard) ask the same thing. */
export const NEAR_DUPLICATE = 0.7;
/** No option position may hold more of the keys of SINGLE questions (3+ options) than this share. */
export const MAX_KEY_POSITION_SHARE = 0.4;
/** The key may be the one longest option in at most this share of SINGLE questions. */
export const MAX_KEY_LONGEST_SHARE = 0.35;
/** Below this many SINGLE questions the two shares say nothing. */
export const MIN_BALANCE_SAMPLE = 10;

// Words that carry no meaning of their own in a stem, and the instruction
// every multiple-answer stem ends with.
const FILLER = new Set(
  "theo của và là các những được có không cho khi với thì nào gì này đó một trong ở bị để như từ đến sau trước hay hoặc phải mới cần".split(" "),
);

export function stemTokens(stem: string): Set<string> {
  const words = stem
    .normalize("NFC")
    .toLowerCase()
    .replace(/\(chọn tất cả đáp án đúng\)/g, " ")
    .replace(/[^\p{L}\p{N}\s/]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(w));
  return new Set(words);
}

export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

export type NearDuplicate = { a: string; b: string; score: number };

/**
 * Pairs of questions whose stems are near-identical, that could be drawn into
 * one exam (`together`: same course, or two courses one certification
 * requires), and that do not share a variant group.
 */
export function nearDuplicates(questions: readonly BankQuestion[], together: (a: string, b: string) => boolean): NearDuplicate[] {
  const tokens = questions.map((q) => stemTokens(q.stem));
  const found: NearDuplicate[] = [];
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const [a, b] = [questions[i], questions[j]];
      if (a.variantGroup && a.variantGroup === b.variantGroup) continue;
      if (a.course !== b.course && !together(a.course, b.course)) continue;
      const score = similarity(tokens[i], tokens[j]);
      if (score >= NEAR_DUPLICATE) found.push({ a: a.key, b: b.key, score });
    }
  }
  return found;
}

const singles = (questions: readonly BankQuestion[]) => questions.filter((q) => q.type === "SINGLE" && (q.options?.length ?? 0) >= 3);

/** How many SINGLE questions (3+ options) have their key at each position (0 = first). */
export function keyPositions(questions: readonly BankQuestion[]): number[] {
  const counts: number[] = [];
  for (const q of singles(questions)) {
    const at = q.options!.findIndex((o) => o.correct);
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return Array.from(counts, (n) => n ?? 0);
}

/** How many SINGLE questions (3+ options) have a key strictly longer than every other option. */
export function keyLongestCount(questions: readonly BankQuestion[]): number {
  return singles(questions).filter((q) => {
    const key = q.options!.find((o) => o.correct)!.text.length;
    return q.options!.every((o) => o.correct || o.text.length < key);
  }).length;
}

export type BalanceProblem =
  | { code: "KEY_POSITION"; position: number; count: number; total: number }
  | { code: "KEY_LONGEST"; count: number; total: number };

/** Whether the bank gives its keys away by position or by length. */
export function keyBalanceProblems(questions: readonly BankQuestion[]): BalanceProblem[] {
  const total = singles(questions).length;
  if (total < MIN_BALANCE_SAMPLE) return [];
  const problems: BalanceProblem[] = [];
  keyPositions(questions).forEach((count, position) => {
    if (count > total * MAX_KEY_POSITION_SHARE) problems.push({ code: "KEY_POSITION", position, count, total });
  });
  const longest = keyLongestCount(questions);
  if (longest > total * MAX_KEY_LONGEST_SHARE) problems.push({ code: "KEY_LONGEST", count: longest, total });
  return problems;
}

export type CitationStatusProblem =
  /** A current question cites law that is not in force. */
  | { code: "NOT_IN_FORCE"; key: string; citation: string; status: LegalStatus | null }
  /** A historical question cites something unverified or unknown. */
  | { code: "UNVERIFIED"; key: string; citation: string }
  /** Marked historical, yet it cites nothing superseded. */
  | { code: "NOT_HISTORICAL"; key: string }
  /** Marked historical, yet the stem names no superseded text it cites. */
  | { code: "HISTORY_UNSAID"; key: string };

const label = (c: BankQuestion["citations"][number]) => [c.doc, c.article, c.clause, c.point].filter(Boolean).join(" | ");

/** The status that applies to a citation: the provision's own when it has one, else its document's; null when unknown. */
export function citationStatus(documents: readonly RegistryDocument[], c: BankQuestion["citations"][number]): LegalStatus | null {
  const doc = documents.find((d) => d.code === c.doc);
  if (!doc) return null;
  if (!c.article) return doc.status;
  const p = doc.provisions.find((p) => p.article === c.article && (p.clause ?? "") === (c.clause ?? "") && (p.point ?? "") === (c.point ?? ""));
  if (!p) return null;
  return p.status ?? doc.status;
}

/** "26/2020/NĐ-CP" → "26/2020": how a stem names a text. */
const shortCode = (code: string) => code.split("/").slice(0, 2).join("/");

/**
 * A current question cites only law in force. A historical one
 * (`historical: true`) cites at least one superseded text, names it in its
 * stem, and cites nothing unverified.
 */
export function citationStatusProblems(questions: readonly BankQuestion[], documents: readonly RegistryDocument[]): CitationStatusProblem[] {
  const problems: CitationStatusProblem[] = [];
  for (const q of questions) {
    const cited = q.citations.map((c) => ({ c, status: citationStatus(documents, c) }));
    if (!q.historical) {
      for (const { c, status } of cited) if (status !== "IN_FORCE") problems.push({ code: "NOT_IN_FORCE", key: q.key, citation: label(c), status });
      continue;
    }
    for (const { c, status } of cited) if (status === null || status === "UNVERIFIED") problems.push({ code: "UNVERIFIED", key: q.key, citation: label(c) });
    const old = cited.filter((x) => x.status === "SUPERSEDED");
    if (old.length === 0) problems.push({ code: "NOT_HISTORICAL", key: q.key });
    else if (!old.some((x) => q.stem.includes(shortCode(x.c.doc)))) problems.push({ code: "HISTORY_UNSAID", key: q.key });
  }
  return problems;
}

/** Variant groups with a single question: a typo, or a group that lost its other members. */
export function loneGroups(questions: readonly BankQuestion[]): string[] {
  const sizes = new Map<string, number>();
  for (const q of questions) if (q.variantGroup) sizes.set(q.variantGroup, (sizes.get(q.variantGroup) ?? 0) + 1);
  return [...sizes].filter(([, n]) => n === 1).map(([g]) => g);
}

