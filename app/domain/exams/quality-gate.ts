// The exam quality gate (decision 051): an exam version issues certifications
// only when its pool is deep enough, every question it could draw is sound,
// no item works against the strong candidates, and a second trainer approved
// the version. Otherwise it runs as practice. Pure: the caller loads the facts.
// The question rule (questionProblems) has a twin in SQL, question_versions_unsound
// (migration 20261211000000; question_version_sound asks it about one version),
// which refuses an unsound question in a certifying draw.

export type LegalStatus = "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED";

/** One citation of a question version, with what the registry says of it now. */
export type CitationFacts = {
  /** "49/2010/QH12 | 19 | 2" */
  label: string;
  /** The provision's own status, else its document's; null when the registry does not know it. */
  status: LegalStatus | null;
  supersededBy: string | null;
  /** When the status that applies to it last changed. */
  changedAt: Date | null;
};

/** The latest version of a question in use. */
export type QuestionFacts = {
  questionId: number;
  key: string;
  /** The exam's topic key: "course-slug/topic". */
  topic: string;
  versionId: number;
  version: number;
  createdAt: Date;
  hasExplanation: boolean;
  citations: readonly CitationFacts[];
  /** Questions of one variant group count once in a pool (a draw never takes two of them). */
  variantGroup?: string | null;
};

export type QuestionProblem =
  | { code: "NO_CITATION" }
  | { code: "NO_EXPLANATION" }
  /** A cited provision or document changed status after this version was written: a trainer reviews it first. */
  | { code: "STATUS_CHANGED"; citation: string; status: LegalStatus | null; changedAt: Date }
  /** A citation names law not in force: superseded (a historical question), unverified, or not in the registry. */
  | { code: "NOT_IN_FORCE"; citation: string; status: LegalStatus | null; supersededBy: string | null };

/** Everything wrong with a question version; empty when it is sound for a certifying draw. */
export function questionProblems(q: Pick<QuestionFacts, "createdAt" | "hasExplanation" | "citations">): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  if (q.citations.length === 0) problems.push({ code: "NO_CITATION" });
  if (!q.hasExplanation) problems.push({ code: "NO_EXPLANATION" });
  for (const c of q.citations) {
    if (c.changedAt && c.changedAt > q.createdAt)
      problems.push({ code: "STATUS_CHANGED", citation: c.label, status: c.status, changedAt: c.changedAt });
  }
  for (const c of q.citations) {
    if (c.status !== "IN_FORCE") problems.push({ code: "NOT_IN_FORCE", citation: c.label, status: c.status, supersededBy: c.supersededBy });
  }
  return problems;
}

/**
 * Waiting for a trainer: imported without citation or explanation, or a cited
 * status changed since it was written. (A question that only cites law not in
 * force — a historical one — waits for nobody: it is simply never drawn in a
 * certifying exam.)
 */
export const awaitsReview = (problems: readonly QuestionProblem[]) => problems.some((p) => p.code !== "NOT_IN_FORCE");

/**
 * Whether a trainer's confirmation (a new version, same content) settles the
 * review: a cited status changed, and the question has its citation and
 * explanation. Confirming a question whose law is no longer in force keeps it
 * as history: it waits for nobody, and is still never drawn in a certifying exam.
 */
export const confirmable = (problems: readonly QuestionProblem[]) =>
  problems.some((p) => p.code === "STATUS_CHANGED") && !problems.some((p) => p.code === "NO_CITATION" || p.code === "NO_EXPLANATION");

export const POOL_FACTOR = 3;
/** Responses an item needs before its discrimination counts against the exam. */
export const GATE_MIN_RESPONSES = 30;

export type ItemFacts = { versionId: number; responses: number; discrimination: number | null };
export type ApprovalFacts = { revision: number; approvedById: number; approvedAt: Date };
export type GateInput = {
  exam: { revision: number; revisedById: number | null; topics: Readonly<Record<string, number>> };
  /** The latest version of every question in use in the exam's courses. */
  questions: readonly QuestionFacts[];
  /** Item statistics of the exam's submitted attempts, per question version. */
  items: readonly ItemFacts[];
  approvals: readonly ApprovalFacts[];
};

export type TopicPool = { topic: string; draw: number; needed: number; pool: number; held: number };
export type HeldQuestion = { questionId: number; key: string; topic: string; problems: QuestionProblem[] };
export type PoorItem = { questionId: number; key: string; versionId: number; responses: number; discrimination: number };

/** Every reason the exam version cannot certify now. */
export type GateFailure =
  | { code: "POOL_TOO_SMALL"; topic: string; pool: number; needed: number }
  | { code: "NEGATIVE_DISCRIMINATION"; questionId: number; key: string; responses: number; discrimination: number }
  | { code: "NOT_APPROVED"; revision: number };

export type GateState = {
  certifying: boolean;
  failures: GateFailure[];
  topics: TopicPool[];
  /**
   * Questions of the exam's topics that a certifying draw never takes: waiting
   * for review, or citing law not in force. They do not stop the exam
   * certifying; they no longer count in its pool.
   */
  held: HeldQuestion[];
  poorItems: PoorItem[];
  approval: ApprovalFacts | null;
  /** What a certifying draw takes from: the sound questions of the exam's topics. */
  pool: QuestionFacts[];
};

/** The gate as of `now` (an approval recorded later does not count yet). */
export function evaluateGate(input: GateInput, now: Date): GateState {
  const topics = Object.keys(input.exam.topics);
  const mine = input.questions.filter((q) => topics.includes(q.topic));
  // "No question that could be drawn cites superseded or unverified law, or waits for review" holds by
  // construction: such questions never enter the pool (and the database refuses them in a certifying attempt).
  const held: HeldQuestion[] = [];
  const pool: QuestionFacts[] = [];
  for (const q of mine) {
    const problems = questionProblems(q);
    if (problems.length > 0) held.push({ questionId: q.questionId, key: q.key, topic: q.topic, problems });
    else pool.push(q);
  }
  const failures: GateFailure[] = [];
  const pools = topics.map((topic): TopicPool => {
    const draw = input.exam.topics[topic];
    const sound = pool.filter((q) => q.topic === topic);
    const size = new Set(sound.map((q) => q.variantGroup ?? `#${q.questionId}`)).size;
    return { topic, draw, needed: draw * POOL_FACTOR, pool: size, held: held.filter((h) => h.topic === topic).length };
  });
  for (const t of pools) if (t.pool < t.needed) failures.push({ code: "POOL_TOO_SMALL", topic: t.topic, pool: t.pool, needed: t.needed });

  // Only what a certifying draw could take counts: an edited question starts a new item.
  const drawable = new Map(pool.map((q) => [q.versionId, q]));
  const poorItems: PoorItem[] = [];
  for (const item of input.items) {
    const q = drawable.get(item.versionId);
    if (!q || item.responses < GATE_MIN_RESPONSES || item.discrimination === null || item.discrimination >= 0) continue;
    poorItems.push({
      questionId: q.questionId,
      key: q.key,
      versionId: item.versionId,
      responses: item.responses,
      discrimination: item.discrimination,
    });
  }
  for (const p of poorItems) failures.push({ code: "NEGATIVE_DISCRIMINATION", ...p });

  const approval =
    input.approvals.find((a) => a.revision === input.exam.revision && a.approvedById !== input.exam.revisedById && a.approvedAt <= now) ??
    null;
  if (!approval) failures.push({ code: "NOT_APPROVED", revision: input.exam.revision });
  return { certifying: failures.length === 0, failures, topics: pools, held, poorItems, approval, pool };
}

export type ApprovalRefusal = "STALE_REVISION" | "AUTHOR" | "ALREADY_APPROVED";

/** Whether `approverId` may approve revision `revision` of the exam now (two-person rule). */
export function canApprove(
  exam: { revision: number; revisedById: number | null },
  approvals: readonly ApprovalFacts[],
  approverId: number,
  revision: number,
): ApprovalRefusal | null {
  if (revision !== exam.revision) return "STALE_REVISION";
  if (approvals.some((a) => a.revision === exam.revision)) return "ALREADY_APPROVED";
  if (exam.revisedById === approverId) return "AUTHOR";
  return null;
}
