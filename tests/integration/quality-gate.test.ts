// The exam quality gate (decision 051) and review states (decision 052) against
// real PostgreSQL: a provision's status change flags the questions citing it and
// pulls them from certifying draws; an exam failing its gate certifies nobody;
// a second trainer approves a version; GIFT without legal lines imports for review.
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredOption } from "~/services/exams/bank.server.ts";
import { lessonsNeedingReview, setLegalStatus } from "~/services/content/authoring.server.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { attemptResult, saveAnswers, submitAttempt } from "~/services/exams/attempts.server.ts";
import { examOverview, startAttempt } from "~/services/exams/attempt-start.server.ts";
import { approveExamVersion, updateExamSettings } from "~/services/exams/exam-admin.server.ts";
import { importGift } from "~/services/exams/gift-import.server.ts";
import { saveQuestionVersion } from "~/services/exams/question-admin.server.ts";
import { listBank } from "~/services/exams/question-bank-list.server.ts";
import { confirmQuestionReview, questionsNeedingReview } from "~/services/exams/question-review.server.ts";
import { examGate, itemFacts, refreshItemStatistics } from "~/services/exams/quality-gate.server.ts";
import { discriminationIndex } from "~/domain/exams/item-analysis.ts";
import { setProvisionStatus } from "~/services/legal-documents.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { fixtureLearner, fixtureQuestion, makeFixtureExam, type FixtureExam } from "../support/exam-fixtures.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { sqlAs } from "../support/sql.ts";

const NOW = new Date("2026-11-28T03:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let adminId: number;
beforeAll(async () => {
  const unit = await makeUnit({ kind: "PROVINCE" });
  adminId = (await makePerson({ unitId: unit.id, roles: [{ role: "ADMIN", unitId: unit.id }], withAccount: false })).id;
});

async function latestVersionId(key: string) {
  const v = await getDb().questionVersion.findFirstOrThrow({
    where: { question: { key } },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  return v.id;
}

/** The learner has seen these versions in an old practice attempt: a draw prefers any question they have not seen. */
async function haveSeen(personId: number, examId: number, versionIds: number[]) {
  const started = at(-40 * 24 * 60);
  const [{ id }] = (
    await sqlAs<{ id: number }>(
      "app",
      `insert into exam_attempts (exam_id, person_id, started_at, deadline_at, status, submitted_at, score, max_score, percent, passed)
       values ($1, $2, $3, $3::timestamptz + interval '30 minutes', 'SUBMITTED', $3::timestamptz + interval '10 minutes', 0, 1, 0, false) returning id`,
      [examId, personId, started],
    )
  ).rows;
  for (const [i, v] of versionIds.entries()) {
    await sqlAs(
      "app",
      `insert into attempt_questions (attempt_id, position, question_version_id, option_order) values ($1, $2, $3, '{}')`,
      [id, i + 1, v],
    );
  }
}

async function drawnVersionIds(attemptId: number) {
  return (await getDb().attemptQuestion.findMany({ where: { attemptId }, select: { questionVersionId: true } })).map(
    (q) => q.questionVersionId,
  );
}

/** Every right answer of an attempt, by position (read on the server side). */
async function rightAnswers(attemptId: number) {
  const rows = await getDb().attemptQuestion.findMany({ where: { attemptId }, include: { questionVersion: true } });
  return Object.fromEntries(
    rows.map((r) => {
      const v = r.questionVersion;
      const right =
        v.type === "TRUE_FALSE" ? [String(v.answer)] : (v.options as StoredOption[]).filter((o) => o.weight > 0).map((o) => o.id);
      return [r.position, right];
    }),
  );
}

/** Article 2 of the fixture's document, and one more question of topic 1 citing it. */
async function addArticle2Question(fixture: FixtureExam, key: string) {
  const provision = await getDb().legalProvision.create({
    data: { documentId: fixture.docId, article: "2", title: "Điều hai", excerpt: "Nội dung điều hai.", confidence: "V" },
  });
  await getDb().$transaction(async (tx) => {
    const { saveQuestion } = await import("~/services/exams/bank.server.ts");
    await saveQuestion(tx, fixtureQuestion(key, fixture.courseId, "chu-de-1", { doc: fixture.docCode, article: "2" }, 0), null, NOW);
  });
  return provision.id;
}

describe("a provision changes status", () => {
  let fixture: FixtureExam;
  let flaggedKey: string;
  let provision2: number;

  beforeAll(async () => {
    fixture = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 3 });
    flaggedKey = `${fixture.keys[0]}-dieu-2`;
    provision2 = await addArticle2Question(fixture, flaggedKey);
  });

  it("flags the questions citing it, pulls them from certifying draws, lists them for review; a confirmation after it is in force again brings them back", async () => {
    const before = (await examGate(fixture.examId, at(1)))!.gate;
    expect(before).toMatchObject({ certifying: true, held: [] });
    expect(before.topics[0].pool).toBe(4);

    const changed = await setProvisionStatus(provision2, { status: "SUPERSEDED", supersededBy: "FX-moi | 2" }, adminId, at(60));
    expect(changed).toMatchObject({ ok: true, value: { changed: true, code: fixture.docCode, provision: "2" } });
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "legal.provision.status", targetId: String(provision2) } });
    expect(audit.data).toMatchObject({ old: { status: null }, new: { status: "SUPERSEDED", supersededBy: "FX-moi | 2" } });

    // On the review list with why; the questions citing article 1 are not.
    const review = (await questionsNeedingReview()).filter((q) => q.key.startsWith(fixture.keys[0].slice(0, 9)));
    expect(review.map((q) => [q.key, q.problems.map((p) => p.code)])).toEqual([[flaggedKey, ["STATUS_CHANGED", "NOT_IN_FORCE"]]]);

    // Held back, and the exam still certifies with the three others.
    const gate = (await examGate(fixture.examId, at(61)))!.gate;
    expect(gate).toMatchObject({ certifying: true, held: [{ key: flaggedKey }] });
    expect(gate.topics[0]).toMatchObject({ pool: 3, held: 1 });

    // A learner who has seen every other question would get the flagged one first, were it drawable.
    const learner = await fixtureLearner(fixture, at(-60));
    const sound = await Promise.all(fixture.keys.map(latestVersionId));
    await haveSeen(learner.id, fixture.examId, sound);
    const started = await startAttempt(learner.id, fixture.examId, at(62));
    expect(started).toMatchObject({ ok: true, value: { certifying: true } });
    if (!started.ok) return;
    const flaggedVersion = await latestVersionId(flaggedKey);
    const drawn = await drawnVersionIds(started.value.attemptId);
    expect(drawn).toHaveLength(1);
    expect(sound).toContain(drawn[0]);
    // The database refuses it in a certifying attempt whatever the app sends.
    await expect(
      sqlAs("app", `insert into attempt_questions (attempt_id, position, question_version_id, option_order) values ($1, 2, $2, '{}')`, [
        started.value.attemptId,
        flaggedVersion,
      ]),
    ).rejects.toThrow(/reviewed questions citing law in force/);
    // Also hidden among sound ones in one statement, as a start inserts its draw (the set-based check, decision 082).
    await expect(
      sqlAs(
        "app",
        `insert into attempt_questions (attempt_id, position, question_version_id, option_order)
         select $1, 1 + p, v, '{}' from unnest($2::int[]) with ordinality as d(v, p)`,
        [started.value.attemptId, [...sound.filter((v) => v !== drawn[0]).slice(0, 2), flaggedVersion]],
      ),
    ).rejects.toThrow(/reviewed questions citing law in force/);

    // Still superseded, a trainer keeps it as history: a new version by them, off the review list, still never drawn.
    const question = await getDb().question.findUniqueOrThrow({ where: { key: flaggedKey } });
    expect(await confirmQuestionReview(question.id, fixture.makerId, at(70))).toEqual({ ok: true, value: { version: 2 } });
    const v2 = await getDb().questionVersion.findFirstOrThrow({
      where: { questionId: question.id, version: 2 },
      include: { citations: true },
    });
    expect(v2).toMatchObject({ createdBy: fixture.makerId, stem: `Câu hỏi thử ${flaggedKey}?`, createdAt: at(70) });
    expect(v2.citations.map((c) => [c.documentCode, c.article])).toEqual([[fixture.docCode, "2"]]);
    expect(await getDb().auditEntry.count({ where: { action: "question.review", targetId: String(question.id) } })).toBe(1);
    expect((await questionsNeedingReview()).some((q) => q.key === flaggedKey)).toBe(false);
    expect((await examGate(fixture.examId, at(71)))!.gate.held.map((h) => [h.key, h.problems.map((p) => p.code)])).toEqual([
      [flaggedKey, ["NOT_IN_FORCE"]],
    ]);
    expect(await confirmQuestionReview(question.id, fixture.makerId, at(72))).toEqual({ ok: false, code: "NOTHING_TO_REVIEW" });

    // Back in force (the change was a mistake): on the list again until a trainer confirms, then drawable.
    await setProvisionStatus(provision2, { status: "INHERIT" }, adminId, at(80));
    const review2 = (await questionsNeedingReview()).find((q) => q.key === flaggedKey);
    expect(review2?.problems.map((p) => p.code)).toEqual(["STATUS_CHANGED"]);
    expect((await examGate(fixture.examId, at(81)))!.gate.topics[0]).toMatchObject({ pool: 3, held: 1 });
    expect(await confirmQuestionReview(question.id, fixture.approverId, at(90))).toEqual({ ok: true, value: { version: 3 } });
    expect((await questionsNeedingReview()).some((q) => q.key === flaggedKey)).toBe(false);
    expect((await examGate(fixture.examId, at(91)))!.gate.topics[0]).toMatchObject({ pool: 4, held: 0 });
  });

  it("a document's change reaches questions and lessons through provisions without a status of their own; a provision's own status wins", async () => {
    const other = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 3 });
    const lesson = await getDb().lesson.create({ data: { courseId: other.courseId, slug: "bai-thu", position: 1 } });
    await getDb().lessonVersion.create({
      data: {
        lessonId: lesson.id,
        version: 1,
        title: "Bài thử trích dẫn",
        summary: "Bài thử.",
        minutes: 5,
        source: "",
        code: "",
        contentHash: `h-${lesson.id}`,
        publishedAt: NOW,
        citations: { create: [{ documentCode: other.docCode, article: "1" }] },
      },
    });
    await setLegalStatus(other.docId, { status: "SUPERSEDED", supersededBy: "FX-moi", supersededFrom: "2026-12-01" }, adminId, at(30));
    const gate = (await examGate(other.examId, at(31)))!.gate;
    expect(gate.held.map((h) => h.key).sort()).toEqual([...other.keys].sort());
    expect(gate.failures).toEqual([
      {
        code: "POOL_TOO_SMALL",
        topic: `${(await getDb().course.findUniqueOrThrow({ where: { id: other.courseId } })).slug}/chu-de-1`,
        pool: 0,
        needed: 3,
      },
    ]);
    const lessonRow = (await lessonsNeedingReview()).find((r) => r.lessonId === lesson.id);
    expect(lessonRow).toMatchObject({ code: other.docCode, status: "SUPERSEDED", supersededBy: "FX-moi", provision: null });

    // Article 1 keeps its own status: in force. The lesson and questions still need a look (it changed), but nothing else.
    await setProvisionStatus(other.provisionId, { status: "IN_FORCE" }, adminId, at(40));
    const review = (await questionsNeedingReview()).filter((q) => other.keys.includes(q.key));
    expect(review.map((q) => q.problems.map((p) => p.code))).toEqual(other.keys.map(() => ["STATUS_CHANGED"]));
    expect((await lessonsNeedingReview()).find((r) => r.lessonId === lesson.id)).toMatchObject({
      status: "IN_FORCE",
      provision: "1",
      changedAt: at(40),
    });
  });

  it("a law marked superseded takes along its articles that only repeated its status, not one with a status of its own", async () => {
    const code = `FX-LAW-${Date.now()}`;
    const doc = await getDb().legalDocument.create({
      data: {
        code,
        kind: "Luật",
        title: "Luật thử",
        issuer: "Quốc hội",
        status: "IN_FORCE",
        confidence: "V",
        provisions: {
          create: [
            { article: "1", title: "Điều 1", excerpt: "…", confidence: "V", status: "IN_FORCE" },
            { article: "2", title: "Điều 2", excerpt: "…", confidence: "V", status: "UNVERIFIED" },
            { article: "3", title: "Điều 3", excerpt: "…", confidence: "V" },
          ],
        },
      },
    });
    await setLegalStatus(doc.id, { status: "SUPERSEDED", supersededBy: "FX-moi", supersededFrom: "2026-12-01" }, adminId, at(50));
    const rows = await getDb().legalProvision.findMany({ where: { documentId: doc.id }, orderBy: { article: "asc" } });
    expect(rows.map((r) => [r.article, r.status, r.supersededBy, r.statusChangedAt])).toEqual([
      ["1", "SUPERSEDED", "FX-moi", at(50)],
      ["2", "UNVERIFIED", null, null],
      ["3", null, null, null],
    ]);
  });

  it("content/legal/documents.json sets a provision's status when the database has none, and never overrides an admin's", async () => {
    const files = await readContentFiles();
    const doc = files.documents.find((d) => d.provisions.length > 0)!;
    const [first] = doc.provisions;
    const withStatus = (status: "SUPERSEDED" | "UNVERIFIED") => ({
      ...files,
      documents: files.documents.map((d) =>
        d.code === doc.code ? { ...d, provisions: d.provisions.map((p, i) => (i === 0 ? { ...p, status, supersededBy: "X | 1" } : p)) } : d,
      ),
    });
    await syncContent(withStatus("UNVERIFIED"), NOW);
    const where = { document: { code: doc.code }, article: first.article, clause: first.clause ?? "", point: first.point ?? "" };
    expect(await getDb().legalProvision.findFirstOrThrow({ where })).toMatchObject({
      status: "UNVERIFIED",
      supersededBy: "X | 1",
      statusChangedAt: NOW,
    });
    const row = await getDb().legalProvision.findFirstOrThrow({ where });
    await setProvisionStatus(row.id, { status: "IN_FORCE" }, adminId, at(5));
    await syncContent(withStatus("SUPERSEDED"), at(10));
    expect(await getDb().legalProvision.findFirstOrThrow({ where })).toMatchObject({
      status: "IN_FORCE",
      supersededBy: null,
      statusChangedAt: at(5),
    });
  }, 120_000);
});

describe("exam starts keep the question facts between changes of the bank", () => {
  it("a start right after a cited article is superseded draws by the new facts, not by what an earlier start kept", async () => {
    const fixture = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 3 });
    const provision = await addArticle2Question(fixture, `${fixture.keys[0]}-giu-2`);
    // A first start reads the facts (four sound questions) and keeps them.
    const first = await fixtureLearner(fixture, at(-60));
    expect(await startAttempt(first.id, fixture.examId, at(1))).toMatchObject({ ok: true, value: { certifying: true } });

    await setProvisionStatus(provision, { status: "SUPERSEDED", supersededBy: "FX-moi | 2" }, adminId, at(2));
    // This learner has seen every other question: by the kept facts the flagged one would come first,
    // and the database would refuse the attempt.
    const second = await fixtureLearner(fixture, at(-60));
    const sound = await Promise.all(fixture.keys.map(latestVersionId));
    await haveSeen(second.id, fixture.examId, sound);
    const started = await startAttempt(second.id, fixture.examId, at(3));
    expect(started).toMatchObject({ ok: true, value: { certifying: true } });
    if (!started.ok) return;
    const drawn = await drawnVersionIds(started.value.attemptId);
    expect(drawn).toHaveLength(1);
    expect(sound).toContain(drawn[0]);
  });
});

describe("an exam failing its gate", () => {
  it("runs as practice: the learner is told, a full pass issues no certification, and the database refuses one", async () => {
    const fixture = await makeFixtureExam({ now: NOW, topics: 2, draw: 1, pool: 3, approved: false });
    const learner = await fixtureLearner(fixture, at(-60));
    const card = (await examOverview(learner.id, at(1))).find((e) => e.examId === fixture.examId)!;
    expect(card.certifying).toBe(false);

    const started = await startAttempt(learner.id, fixture.examId, at(2));
    expect(started).toMatchObject({ ok: true, value: { certifying: false } });
    if (!started.ok) return;
    const attemptId = started.value.attemptId;
    await saveAnswers(attemptId, learner.id, await rightAnswers(attemptId), at(3));
    const submitted = await submitAttempt(attemptId, learner.id, at(4));
    expect(submitted).toMatchObject({ ok: true, value: { passed: true, percent: 100, certifying: false, certificationId: null } });
    expect(await getDb().certification.count({ where: { personId: learner.id } })).toBe(0);
    expect(await attemptResult(attemptId, learner.id)).toMatchObject({ passed: true, certifying: false, certification: null });
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "exam.submit", targetId: String(attemptId) } });
    expect(audit.data).toMatchObject({ certifying: false, passed: true });

    await expect(
      sqlAs(
        "app",
        `insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, attempt_id)
         values ('SQL-PRACTICE', 'sql-practice', $1, $2, 'EXAM', now(), current_date, current_date + 700, $3)`,
        [learner.id, fixture.typeId, attemptId],
      ),
    ).rejects.toThrow(/certifying attempt/);
    await expect(
      sqlAs(
        "app",
        `insert into exam_attempts (exam_id, person_id, started_at, deadline_at, certifying, exam_revision) values ($1, $2, now(), now() + interval '1 hour', true, 1)`,
        [fixture.examId, learner.id],
      ),
    ).rejects.toThrow(/approved by a second person/);
    await expect(sqlAs("app", `update exam_attempts set certifying = true where id = $1`, [attemptId])).rejects.toThrow(
      /decided when it starts/,
    );
  });
});

describe("a second trainer approves", () => {
  it("a version another trainer made; the maker cannot; a new version needs a new approval; the database holds the same rule", async () => {
    const fixture = await makeFixtureExam({ now: NOW, topics: 2, draw: 1, pool: 3 });
    const { makerId, approverId, examId } = fixture;
    const topics = (await getDb().exam.findUniqueOrThrow({ where: { id: examId } })).topics as Record<string, number>;
    expect((await examGate(examId, at(1)))!.gate.certifying).toBe(true);

    // The maker raises the pass mark: version 2, theirs, practice until someone else approves it.
    const saved = await updateExamSettings(examId, 1, { passPercent: 90, timeLimitMinutes: 30, topics }, makerId, at(10));
    expect(saved).toEqual({ ok: true, value: { changed: true, revision: 2 } });
    expect(await getDb().exam.findUniqueOrThrow({ where: { id: examId } })).toMatchObject({
      revision: 2,
      revisedById: makerId,
      passPercent: 90,
    });
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "exam.settings", targetId: String(examId) } });
    expect(audit.data).toMatchObject({ revision: 2, old: { passPercent: 80 }, new: { passPercent: 90 } });
    expect((await examGate(examId, at(11)))!.gate.failures).toEqual([{ code: "NOT_APPROVED", revision: 2 }]);
    const learner = await fixtureLearner(fixture, at(-60));
    expect(await startAttempt(learner.id, examId, at(12))).toMatchObject({ ok: true, value: { certifying: false } });
    // Saving the same settings again, or a form shown before the change, changes nothing.
    expect(await updateExamSettings(examId, 2, { passPercent: 90, timeLimitMinutes: 30, topics }, makerId, at(13))).toEqual({
      ok: true,
      value: { changed: false, revision: 2 },
    });
    expect(await updateExamSettings(examId, 1, { passPercent: 95, timeLimitMinutes: 30, topics }, makerId, at(13))).toEqual({
      ok: false,
      code: "STALE_REVISION",
    });

    expect(await approveExamVersion(examId, 2, makerId, at(20))).toEqual({ ok: false, code: "AUTHOR" });
    expect(await approveExamVersion(examId, 1, approverId, at(20))).toEqual({ ok: false, code: "STALE_REVISION" });
    expect(await approveExamVersion(examId, 2, approverId, at(21))).toEqual({ ok: true, value: { revision: 2 } });
    expect(await approveExamVersion(examId, 2, adminId, at(22))).toEqual({ ok: false, code: "ALREADY_APPROVED" });
    const approval = await getDb().auditEntry.findFirstOrThrow({
      where: { action: "exam.approve", targetId: String(examId) },
      orderBy: { id: "desc" },
    });
    expect(approval.data).toMatchObject({ revision: 2, revisedBy: makerId });
    const gate = (await examGate(examId, at(23)))!.gate;
    expect(gate.certifying).toBe(true);
    expect(gate.approval).toMatchObject({ revision: 2, approvedById: approverId });

    // A new title is not a new version.
    await getDb().exam.update({ where: { id: examId }, data: { title: "Tên mới của đề thử" } });
    expect((await getDb().exam.findUniqueOrThrow({ where: { id: examId } })).revision).toBe(2);

    // The database: a change as the maker (version 3), then what the app's role may not do.
    await sqlAs("app", `update exams set time_limit_minutes = 45, revised_by_id = $2 where id = $1`, [examId, makerId]);
    expect((await getDb().exam.findUniqueOrThrow({ where: { id: examId } })).revision).toBe(3);
    const insert = (revision: number, by: number) =>
      sqlAs("app", `insert into exam_approvals (exam_id, revision, approved_by_id, approved_at) values ($1, $2, $3, now())`, [
        examId,
        revision,
        by,
      ]);
    await expect(insert(3, makerId)).rejects.toThrow(/two-person rule/);
    await expect(insert(2, adminId)).rejects.toThrow(/version in force now/);
    await expect(insert(3, learner.id)).rejects.toThrow(/trainer or admin/);
    await insert(3, adminId);
    await expect(sqlAs("app", `update exam_approvals set approved_by_id = $2 where exam_id = $1`, [examId, makerId])).rejects.toThrow();
    await expect(sqlAs("app", `delete from exam_approvals where exam_id = $1`, [examId])).rejects.toThrow();
    await expect(sqlAs("owner", `delete from exam_approvals where exam_id = $1`, [examId])).rejects.toThrow(/never changed or deleted/);
  });
});

describe("GIFT from Moodle", () => {
  // What Moodle exports: categories, titles, feedback; no `// legal:` lines, no `####` explanations.
  const MOODLE = `// question: 101  name: Câu 1
$CATEGORY: $course$/top/Mặc định cho KT1/chu-de-1

::Câu 1::[html]Mạng KT1 chỉ được kết nối với mạng nào?{
\t=Mạng bưu chính công cộng
\t~Mạng của mọi doanh nghiệp chuyển phát#Sai.
\t~Mạng của hãng vận tải
}

// question: 102  name: Câu 2
::Câu 2::Mạng KT1 hoạt động không vì mục đích kinh doanh.{TRUE}

// question: 103  name: Câu 3
::Câu 3::Những việc nào phải làm khi nhận tài liệu mật?{
\t~%50%Kiểm tra dấu niêm phong
\t~%50%Vào sổ
\t~%-100%Mở phong bì trong
}
`;

  it("imports every question as needing review, lists them, never draws them in a certifying exam until a trainer completes one", async () => {
    const fixture = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 3 });
    const result = await importGift(MOODLE, fixture.courseId, fixture.makerId, at(5), "moodle.gift");
    expect(result).toEqual({ ok: true, value: { created: 3, updated: 0, unchanged: 0, total: 3, needsReview: 3 } });
    const course = await getDb().course.findUniqueOrThrow({ where: { id: fixture.courseId } });
    const imported = await getDb().question.findMany({
      where: { courseId: fixture.courseId, key: { startsWith: `${course.slug}-`, notIn: fixture.keys } },
      include: { versions: { include: { citations: true } } },
    });
    expect(imported).toHaveLength(3);
    for (const q of imported) {
      expect(q.topic).toBe("chu-de-1");
      expect(q.versions[0]).toMatchObject({ explanation: "", citations: [] });
    }
    const importedKeys = imported.map((q) => q.key).sort();
    const review = (await questionsNeedingReview()).filter((q) => importedKeys.includes(q.key));
    expect(review.map((q) => q.problems.map((p) => p.code))).toEqual(importedKeys.map(() => ["NO_CITATION", "NO_EXPLANATION"]));
    const bank = await listBank({ course: String(fixture.courseId), topic: "", type: "", status: "review", q: "" });
    expect(bank.rows.map((r) => r.key).sort()).toEqual(importedKeys);

    const gate = (await examGate(fixture.examId, at(6)))!.gate;
    expect(gate.certifying).toBe(true);
    expect(gate.held.map((h) => h.key).sort()).toEqual(importedKeys);

    // Unseen and drawable they would come first; a certifying attempt takes a reviewed one.
    const learner = await fixtureLearner(fixture, at(-60));
    const sound = await Promise.all(fixture.keys.map(latestVersionId));
    await haveSeen(learner.id, fixture.examId, sound);
    const started = await startAttempt(learner.id, fixture.examId, at(7));
    expect(started).toMatchObject({ ok: true, value: { certifying: true } });
    if (!started.ok) return;
    expect(sound).toContain((await drawnVersionIds(started.value.attemptId))[0]);
    expect(await confirmQuestionReview(imported[0].id, fixture.approverId, at(8))).toEqual({ ok: false, code: "NEEDS_EDIT" });

    // A trainer adds a citation and an explanation: a new version, drawable.
    const q = imported.find((x) => x.versions[0].type === "TRUE_FALSE")!;
    const saved = await saveQuestionVersion(
      {
        key: q.key,
        courseId: fixture.courseId,
        topic: q.topic,
        type: "TRUE_FALSE",
        stem: q.versions[0].stem,
        options: [],
        answer: true,
        explanation: "Điều 1 của luật thử.",
        difficulty: 2,
        citations: [{ doc: fixture.docCode, article: "1" }],
      },
      fixture.makerId,
      at(9),
    );
    expect(saved?.version).toBe(2);
    const after = (await examGate(fixture.examId, at(10)))!.gate;
    expect(after.held.map((h) => h.key)).not.toContain(q.key);
    expect(after.pool.map((p) => p.key)).toContain(q.key);
  });

  it("a file with syntax errors imports nothing and names each bad question's line", async () => {
    const fixture = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 3 });
    const before = await getDb().question.count();
    const broken = [
      "$CATEGORY: $course$/top/chu-de-1", // 1
      "", // 2
      "::Câu 1::Câu hợp lệ{=a ~b}", // 3
      "", // 4
      "::Câu 2::Thiếu ngoặc đóng{", // 5
      "=a", // 6
      "~b", // 7
      "", // 8
      "::Câu 3::Câu số{#5:1}", // 9
    ].join("\n");
    const result = await importGift(broken, fixture.courseId, fixture.makerId, at(5));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.reasons ?? []).map((e) => [e.line, e.key])).toEqual([
      [5, "questions.gift.unclosedBrace"],
      [9, "questions.gift.numerical"],
    ]);
    expect(await getDb().question.count()).toBe(before);
  });
});

describe("the database's twin of the question rule", () => {
  it("question_version_sound agrees with the domain's questionProblems on every kind of citation", async () => {
    const { saveQuestion } = await import("~/services/exams/bank.server.ts");
    const { questionProblems } = await import("~/domain/exams/quality-gate.ts");
    const { questionFacts } = await import("~/services/exams/quality-gate.server.ts");
    const db = getDb();
    const tag = Date.now().toString(36);
    const doc = (
      code: string,
      status: "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED",
      provisions: { article: string; status?: "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED" }[],
    ) =>
      db.legalDocument.create({
        data: {
          code,
          kind: "Luật",
          title: code,
          issuer: "Quốc hội",
          status,
          confidence: "V",
          statusChangedAt: at(-1000),
          provisions: {
            create: provisions.map((p) => ({
              article: p.article,
              title: "Điều",
              excerpt: "Nội dung.",
              confidence: "V",
              status: p.status ?? null,
              statusChangedAt: p.status ? at(-1000) : null,
            })),
          },
        },
      });
    const A = `TW-A-${tag}`;
    const B = `TW-B-${tag}`;
    const C = `TW-C-${tag}`;
    await doc(A, "IN_FORCE", [{ article: "1" }, { article: "2", status: "SUPERSEDED" }, { article: "3", status: "UNVERIFIED" }]);
    await doc(B, "SUPERSEDED", [{ article: "1", status: "IN_FORCE" }, { article: "2" }]);
    await doc(C, "UNVERIFIED", []);
    const course = await db.course.create({
      data: { slug: `tw-${tag}`, title: "Khóa song sinh", description: "x", audience: ["ALL"], position: 950 },
    });
    const cases: { doc: string; article?: string }[][] = [
      [{ doc: A, article: "1" }],
      [{ doc: A }],
      [{ doc: A, article: "2" }],
      [{ doc: A, article: "3" }],
      [
        { doc: A, article: "1" },
        { doc: A, article: "2" },
      ],
      [
        { doc: A, article: "1" },
        { doc: A, article: "3" },
      ],
      [{ doc: B }],
      [{ doc: B, article: "1" }],
      [{ doc: B, article: "2" }],
      [
        { doc: B, article: "2" },
        { doc: B, article: "1" },
      ],
      [{ doc: C }],
      [{ doc: A, article: "99" }],
      [{ doc: `TW-NONE-${tag}` }],
      [],
    ];
    await db.$transaction(async (tx) => {
      for (const [i, citations] of cases.entries()) {
        const q = fixtureQuestion(`tw-${tag}-${i}`, course.id, "song-sinh", { doc: A }, i);
        await saveQuestion(tx, { ...q, citations }, null, NOW);
        // The same, without an explanation.
        await saveQuestion(tx, { ...q, key: `tw-${tag}-${i}-x`, citations, explanation: " " }, null, NOW);
      }
    });
    const compare = async (when: string) => {
      const facts = await questionFacts(db, { courseIds: [course.id] });
      expect(facts).toHaveLength(cases.length * 2);
      const { rows } = await sqlAs<{ id: number; sound: boolean }>(
        "app",
        `select id, question_version_sound(id) as sound from question_versions where id = any($1::int[])`,
        [facts.map((f) => f.versionId)],
      );
      const sql = new Map(rows.map((r) => [r.id, r.sound]));
      const mismatches = facts.filter((f) => sql.get(f.versionId) !== (questionProblems(f).length === 0)).map((f) => `${when}: ${f.key}`);
      expect(mismatches).toEqual([]);
      return facts.filter((f) => sql.get(f.versionId)).length;
    };
    // Sound: A1, A (whole), B1 (its own status in force); anything citing A2, A3, B, B2, C or the unknown is not.
    expect(await compare("as written")).toBe(3);
    // A status change after the versions were written: every question citing A (or its inheriting provisions) waits for review;
    // B1 stays sound.
    await setLegalStatus((await db.legalDocument.findUniqueOrThrow({ where: { code: A } })).id, { status: "UNVERIFIED" }, adminId, at(5));
    expect(await compare("after a change")).toBe(1);
  });
});

describe("the item facts a start's gate reads", () => {
  it("count each version's submitted responses in this exam and rank them by the attempt's percent", async () => {
    const fixture = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 2 });
    const [a, b] = await Promise.all(fixture.keys.slice(0, 2).map(latestVersionId));
    const learner = await makePerson({ unitId: (await makeUnit()).id, withAccount: false });
    // Five submitted attempts (percent, score on version a), one still open, one of another exam.
    const graded: [number, number][] = [
      [95, 1],
      [80, 1],
      [60, 0.5],
      [40, 0],
      [20, 0],
    ];
    const other = await makeFixtureExam({ now: NOW, topics: 1, draw: 1, pool: 2 });
    const attempt = async (examId: number, status: "SUBMITTED" | "IN_PROGRESS", percent: number, score: number) => {
      const [{ id }] = (
        await sqlAs<{ id: number }>(
          "app",
          `insert into exam_attempts (exam_id, person_id, started_at, deadline_at, status, submitted_at, score, max_score, percent, passed)
           values ($1, $2, $3, $3::timestamptz + interval '30 minutes', $4::"AttemptStatus",
                   case when $4 = 'SUBMITTED' then $3::timestamptz + interval '10 minutes' end, 0, 1, $5, false) returning id`,
          [examId, learner.id, at(-60), status, percent],
        )
      ).rows;
      await sqlAs(
        "app",
        `insert into attempt_questions (attempt_id, position, question_version_id, option_order, score) values ($1, 1, $2, '{}', $3)`,
        [id, a, score],
      );
      return id;
    };
    const ids: number[] = [];
    for (const [percent, score] of graded) ids.push(await attempt(fixture.examId, "SUBMITTED", percent, score));
    await attempt(fixture.examId, "IN_PROGRESS", 0, 0);
    await attempt(other.examId, "SUBMITTED", 100, 0);

    // As the housekeeping round computes them (decision 084); a start reads the stored rows.
    expect(await itemFacts(fixture.examId, [a, b])).toEqual([]);
    await refreshItemStatistics(at(0), { all: true });
    const facts = await itemFacts(fixture.examId, [a, b]);
    expect(facts).toEqual([
      {
        versionId: a,
        responses: 5,
        discrimination: discriminationIndex(graded.map(([percent, score], i) => ({ attemptId: ids[i], percent, score }))),
      },
    ]);
    expect(facts[0].discrimination).toBeGreaterThan(0.5);

    // A later round recomputes an exam with a submission in the last minutes (this one: at -50)…
    await attempt(fixture.examId, "SUBMITTED", 10, 1);
    await refreshItemStatistics(at(-48));
    expect(await itemFacts(fixture.examId, [a, b])).toEqual([expect.objectContaining({ versionId: a, responses: 6 })]);
    // …and leaves the others to a process's first round, which recomputes every exam.
    await sqlAs("app", `update attempt_questions set question_version_id = $1 where question_version_id = $2`, [b, a]);
    await refreshItemStatistics(at(60));
    expect(await itemFacts(fixture.examId, [a, b])).toEqual([expect.objectContaining({ versionId: a, responses: 6 })]);
    await refreshItemStatistics(at(60), { all: true });
    expect(await itemFacts(fixture.examId, [a, b])).toEqual([expect.objectContaining({ versionId: b, responses: 6 })]);

    // One process computes an exam each minute, whichever comes first (decision 086): a round
    // less than a minute after the last computation leaves the exam as it is…
    await attempt(fixture.examId, "SUBMITTED", 30, 0);
    await refreshItemStatistics(new Date(at(60).getTime() + 30_000), { all: true });
    expect(await itemFacts(fixture.examId, [a, b])).toEqual([expect.objectContaining({ versionId: b, responses: 6 })]);
    // …and a round a minute later recomputes it.
    await refreshItemStatistics(at(61), { all: true });
    const later = await itemFacts(fixture.examId, [a, b]);
    expect(later).toHaveLength(2);
    expect(later).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ versionId: a, responses: 1 }),
        expect.objectContaining({ versionId: b, responses: 6 }),
      ]),
    );
  });
});
