import { analyseExam, type AnalysedAttempt, type ItemVersion } from "~/domain/exams/item-analysis.ts";
import { getDb } from "~/utils/db.server.ts";
import type { StoredOption } from "./bank.server.ts";

// Loads what the item analysis needs; the arithmetic is the domain's pure function.

/** Every exam with its submitted attempts, passes and open attempts. */
export async function examsSummary() {
  const db = getDb();
  const [exams, counts] = await Promise.all([
    db.exam.findMany({
      orderBy: { id: "asc" },
      select: { id: true, title: true, passPercent: true, certificationType: { select: { code: true, name: true } } },
    }),
    db.examAttempt.groupBy({ by: ["examId", "status", "passed"], _count: { _all: true } }),
  ]);
  return exams.map((e) => {
    const mine = counts.filter((c) => c.examId === e.id);
    const sum = (pick: (c: (typeof mine)[number]) => boolean) => mine.filter(pick).reduce((n, c) => n + c._count._all, 0);
    const submitted = sum((c) => c.status === "SUBMITTED");
    const passed = sum((c) => c.status === "SUBMITTED" && c.passed === true);
    return {
      id: e.id,
      title: e.title,
      typeCode: e.certificationType.code,
      typeName: e.certificationType.name,
      passPercent: e.passPercent,
      submitted,
      passed,
      open: sum((c) => c.status === "IN_PROGRESS"),
      passRate: submitted === 0 ? null : passed / submitted,
    };
  });
}

/** One exam's item analysis over its submitted attempts; null when the exam does not exist. */
export async function examItemAnalysis(examId: number, labels: { true: string; false: string }) {
  const db = getDb();
  const exam = await db.exam.findUnique({
    where: { id: examId },
    select: { id: true, title: true, passPercent: true, certificationType: { select: { code: true, name: true } } },
  });
  if (!exam) return null;
  const attempts = await db.examAttempt.findMany({
    where: { examId, status: "SUBMITTED" },
    orderBy: { id: "asc" },
    select: { id: true, percent: true, passed: true, questions: { select: { questionVersionId: true, score: true, answer: true } } },
  });
  const versionIds = [...new Set(attempts.flatMap((a) => a.questions.map((q) => q.questionVersionId)))];
  const versions = await db.questionVersion.findMany({
    where: { id: { in: versionIds } },
    select: {
      id: true,
      version: true,
      type: true,
      stem: true,
      options: true,
      answer: true,
      question: { select: { key: true, topic: true, course: { select: { slug: true } } } },
    },
  });
  versions.sort((a, b) => a.question.key.localeCompare(b.question.key) || a.version - b.version);
  const itemVersions: ItemVersion[] = versions.map((v) => ({
    versionId: v.id,
    options:
      v.type === "TRUE_FALSE"
        ? [
            { id: "true", label: labels.true, right: v.answer === true },
            { id: "false", label: labels.false, right: v.answer === false },
          ]
        : (v.options as StoredOption[]).map((o) => ({ id: o.id, label: o.text, right: o.weight > 0 })),
  }));
  const analysed: AnalysedAttempt[] = attempts.map((a) => ({
    attemptId: a.id,
    percent: Number(a.percent ?? 0),
    passed: a.passed ?? false,
    responses: a.questions.map((q) => ({ versionId: q.questionVersionId, score: Number(q.score ?? 0), chosen: q.answer })),
  }));
  const analysis = analyseExam(analysed, itemVersions);
  const info = new Map(versions.map((v) => [v.id, v]));
  return {
    exam: { id: exam.id, title: exam.title, passPercent: exam.passPercent, typeName: exam.certificationType.name },
    ...analysis,
    items: analysis.items.map((item) => {
      const v = info.get(item.versionId)!;
      return {
        ...item,
        key: v.question.key,
        version: v.version,
        type: v.type,
        stem: v.stem,
        topic: `${v.question.course?.slug ?? "—"}/${v.question.topic}`,
      };
    }),
  };
}
