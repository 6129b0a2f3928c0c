import { QUESTION_TYPES } from "~/domain/exams/grading.ts";
import { awaitsReview } from "~/domain/exams/quality-gate.ts";
import { foldDiacritics } from "~/domain/fold.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";
import { LIMITS, TOPIC_RE } from "./gift-import.server.ts";
import { reviewProblemsById } from "./question-review.server.ts";

// The question bank's list for trainers: every question with its latest
// version, counts per course and topic, and the filters of the page.

export type BankFilter = { course: string; topic: string; type: string; status: string; q: string };

export function readBankFilter(params: URLSearchParams): BankFilter {
  const pick = (name: string, valid: (s: string) => boolean) => {
    const v = (params.get(name) ?? "").trim();
    return valid(v) ? v : "";
  };
  return {
    course: pick("course", (s) => s === "none" || parseId(s) !== null),
    topic: pick("topic", (s) => s.length <= LIMITS.topic && TOPIC_RE.test(s)),
    type: pick("type", (s) => (QUESTION_TYPES as readonly string[]).includes(s)),
    status: pick("status", (s) => s === "active" || s === "retired" || s === "review"),
    q: (params.get("q") ?? "").trim().slice(0, 100),
  };
}

/** Every question with its latest version (the bank is a few thousand at most), then filtered here. */
export async function listBank(filter: BankFilter) {
  const [questions, review] = await Promise.all([
    getDb().question.findMany({
      orderBy: [{ topic: "asc" }, { key: "asc" }],
      select: {
        id: true,
        key: true,
        topic: true,
        courseId: true,
        retiredAt: true,
        versions: {
          orderBy: { version: "desc" },
          take: 1,
          select: {
            version: true,
            type: true,
            stem: true,
            difficulty: true,
            createdAt: true,
            citations: { select: { documentCode: true, article: true, clause: true, point: true }, orderBy: { id: "asc" } },
          },
        },
      },
    }),
    reviewProblemsById(),
  ]);
  const rows = questions
    .filter((q) => q.versions.length > 0)
    .map((q) => {
      const v = q.versions[0];
      return {
        id: q.id,
        key: q.key,
        topic: q.topic,
        courseId: q.courseId,
        retired: q.retiredAt !== null,
        /** Something for a trainer to do (decision 052); retired questions are out of use. */
        needsReview: q.retiredAt === null && awaitsReview(review.get(q.id) ?? []),
        version: v.version,
        type: v.type,
        stem: v.stem,
        difficulty: v.difficulty,
        updatedAt: v.createdAt,
        citations: v.citations.map((c) => [c.documentCode, c.article, c.clause, c.point].filter(Boolean).join(" | ")),
      };
    });
  // Counts of questions in use, per course and topic, whatever the filter.
  const counts = new Map<string, { courseId: number | null; topic: string; active: number; retired: number }>();
  for (const r of rows) {
    const id = `${r.courseId ?? ""}|${r.topic}`;
    const c = counts.get(id) ?? { courseId: r.courseId, topic: r.topic, active: 0, retired: 0 };
    if (r.retired) c.retired++;
    else c.active++;
    counts.set(id, c);
  }
  const needle = foldDiacritics(filter.q);
  const shown = rows.filter(
    (r) =>
      (filter.course === "" || (filter.course === "none" ? r.courseId === null : r.courseId === Number(filter.course))) &&
      (filter.topic === "" || r.topic === filter.topic) &&
      (filter.type === "" || r.type === filter.type) &&
      (filter.status === "" || (filter.status === "review" ? r.needsReview : (filter.status === "retired") === r.retired)) &&
      (needle === "" || foldDiacritics(r.stem).includes(needle) || r.key.includes(needle)),
  );
  return { rows: shown, total: rows.length, counts: [...counts.values()], topics: [...new Set(rows.map((r) => r.topic))].sort() };
}
