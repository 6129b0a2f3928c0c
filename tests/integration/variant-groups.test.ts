// Variant groups against real PostgreSQL (decision 050): the shipped bank syncs
// its groups and retired keys, a draw from it never holds two questions of one
// group, the database refuses such an attempt whatever the app sends, and a
// trainer's change of group is saved and audited.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { readContentFiles, type ContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { parse } from "~/domain/exams/gift.ts";
import { startAttempt } from "~/services/exams/attempt-start.server.ts";
import { exportGift } from "~/services/exams/gift-import.server.ts";
import { saveQuestionVersion } from "~/services/exams/question-admin.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

const NOW = new Date("2026-12-06T03:00:00Z");
let shipped: ContentFiles;

beforeAll(async () => {
  shipped = await readContentFiles();
  await syncContent(structuredClone(shipped), NOW);
});

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** A learner who has completed every course the certification type requires. */
async function readyLearner(code: string) {
  const unit = await makeUnit({ kind: "AGENCY" });
  const person = await makePerson({ unitId: unit.id, roles: [{ role: "LEARNER", unitId: unit.id }] });
  const required = await getDb().certificationTypeCourse.findMany({ where: { certificationType: { code } } });
  await getDb().courseCompletion.createMany({
    data: required.map((r) => ({ personId: person.id, courseId: r.courseId, completedAt: new Date(NOW.getTime() - 86_400_000) })),
  });
  return person;
}

describe("the shipped bank's variant groups", () => {
  it("stores each question's group as the files give it", async () => {
    const inFiles = new Map(shipped.courses.flatMap((c) => c.questions.map((q) => [q.key, q.variantGroup ?? null])));
    const rows = await getDb().question.findMany({
      where: { key: { in: [...inFiles.keys()] } },
      select: { key: true, variantGroup: true },
    });
    expect(rows).toHaveLength(inFiles.size);
    for (const r of rows) expect(r.variantGroup).toBe(inFiles.get(r.key));
    expect(rows.filter((r) => r.variantGroup).length).toBeGreaterThan(50);
  });

  it("never draws two questions of one group into an attempt, in any exam", async () => {
    const exams = await getDb().exam.findMany({ select: { id: true, certificationType: { select: { code: true } } } });
    expect(exams.length).toBeGreaterThanOrEqual(3);
    let attempts = 0;
    for (const exam of exams) {
      for (let i = 0; i < 6; i++) {
        const learner = await readyLearner(exam.certificationType.code);
        const started = await startAttempt(learner.id, exam.id, NOW);
        if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
        attempts++;
      }
    }
    const { rows } = await sql(
      `select aq.attempt_id, q.variant_group, count(*)::int as n
         from attempt_questions aq join question_versions v on v.id = aq.question_version_id join questions q on q.id = v.question_id
        where q.variant_group is not null group by 1, 2`,
    );
    expect(new Set(rows.map((r) => r.attempt_id)).size).toBe(attempts);
    expect(rows.filter((r) => r.n > 1)).toEqual([]);
  });

  it("refuses, in the database, an attempt holding two questions of one group", async () => {
    const [a, b] = await getDb().question.findMany({
      where: { variantGroup: "phat-tu-choi-kt1" },
      select: { versions: { select: { id: true }, take: 1 } },
      take: 2,
    });
    const learner = await readyLearner("KT1-VAN-THU");
    const exam = await getDb().exam.findFirstOrThrow();
    const { id } = await getDb().examAttempt.create({
      data: { examId: exam.id, personId: learner.id, startedAt: NOW, deadlineAt: new Date(NOW.getTime() + 3_600_000) },
    });
    await expect(
      sql(
        `insert into attempt_questions (attempt_id, position, question_version_id, option_order) values ($1, 1, $2, '{}'), ($1, 2, $3, '{}')`,
        [id, a.versions[0].id, b.versions[0].id],
      ),
    ).rejects.toThrow(/at most one question of a variant group/);
  });
});

describe("the stored option order", () => {
  it("gives no key away by position in the GIFT export of the bank", async () => {
    // Options are stored, and so exported, in a neutral order (decision 050): over the whole
    // bank the right answer is no more often in one place than in another.
    const at = [0, 0, 0, 0, 0];
    let multiples = 0;
    let rightFirst = 0;
    for (const course of await getDb().course.findMany({ select: { id: true, slug: true } })) {
      const parsed = parse(await exportGift(course.id));
      if (!parsed.ok) throw new Error(`${course.slug}: export does not parse`);
      for (const q of parsed.value.filter((q) => q.type === "SINGLE")) at[q.options.findIndex((o) => o.weight >= 100)]++;
      for (const q of parsed.value.filter((q) => q.type === "MULTIPLE")) {
        const right = q.options.filter((o) => o.weight > 0).length;
        multiples++;
        if (q.options.slice(0, right).every((o) => o.weight > 0)) rightFirst++;
      }
    }
    const singles = at.reduce((a, b) => a + b, 0);
    expect(singles).toBeGreaterThan(50);
    expect(Math.max(...at), at.join("/")).toBeLessThanOrEqual(singles * 0.4);
    // Before, every multiple-answer question listed its right answers first.
    expect(rightFirst, `${rightFirst} of ${multiples}`).toBeLessThanOrEqual(multiples / 3);
  });
});

describe("retired keys and group changes", () => {
  it("a retired entry takes its question out of use on the next sync", async () => {
    const files = structuredClone(shipped);
    const course = files.courses.find((c) => c.questions.some((q) => q.key === "kt1-ket-noi-03"))!;
    course.questions = course.questions.filter((q) => q.key !== "kt1-ket-noi-03");
    course.retired.push({ key: "kt1-ket-noi-03", retired: "Thử: câu hỏi được rút khỏi ngân hàng." });
    expect(await syncContent(files, NOW)).toMatchObject({ retired: 1 });
    expect((await getDb().question.findUniqueOrThrow({ where: { key: "kt1-ket-noi-03" } })).retiredAt).toEqual(NOW);
    // Shipped back, it is in use again.
    await syncContent(structuredClone(shipped), NOW);
    expect((await getDb().question.findUniqueOrThrow({ where: { key: "kt1-ket-noi-03" } })).retiredAt).toBeNull();
  });

  it("a trainer's new group is saved without a new version, and audited", async () => {
    const trainer = await makePerson({ unitId: (await makeUnit()).id });
    const q = await getDb().question.findUniqueOrThrow({
      where: { key: "kt1-ket-noi-06" },
      include: { versions: { orderBy: { version: "desc" }, take: 1, include: { citations: true } } },
    });
    const v = q.versions[0];
    const version = await saveQuestionVersion(
      {
        key: q.key,
        courseId: q.courseId,
        topic: q.topic,
        type: v.type,
        stem: v.stem,
        options: (v.options as { text: string; weight: number }[]).map((o) => ({ text: o.text, weight: o.weight, correct: o.weight > 0 })),
        answer: v.answer,
        explanation: v.explanation,
        difficulty: v.difficulty,
        citations: v.citations.map((c) => ({ doc: c.documentCode, article: c.article || undefined })),
        variantGroup: "nhom-thu",
      },
      trainer.id,
      NOW,
    );
    expect(version).toBeNull();
    expect((await getDb().question.findUniqueOrThrow({ where: { key: q.key } })).variantGroup).toBe("nhom-thu");
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "question.group", targetId: String(q.id) } });
    expect(audit.data).toMatchObject({ key: q.key, from: "doi-tuong-theo-qd-37-2021", to: "nhom-thu" });
  });
});
