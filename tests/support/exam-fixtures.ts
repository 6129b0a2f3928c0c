// An exam of its own for a test, built through the services the app uses: a
// legal document in force, a course, a certification type whose exam draws
// `draw` questions from each of `topics` topics, `pool` sound questions per
// topic, and (unless told otherwise) a second trainer's approval of its
// version — so it certifies whatever content/ ships (decision 051).
import { randomBytes } from "node:crypto";
import { saveQuestion, type QuestionInput } from "~/services/exams/bank.server.ts";
import { approveExamVersion } from "~/services/exams/exam-admin.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "./factories.ts";

const uid = () => randomBytes(3).toString("hex");
/** Long before any test's clock: the registry's statuses predate every question version. */
const REGISTRY_SINCE = new Date("2020-01-01T00:00:00Z");

let trainers: Promise<{ makerId: number; approverId: number }> | undefined;

/** Two trainers over a unit of their own: one makes exam versions, the other approves them. */
export function examTrainers() {
  trainers ??= (async () => {
    const unit = await makeUnit({ name: "Tổ ra đề (thử)", kind: "DEPARTMENT" });
    const roles = [{ role: "TRAINER" as const, unitId: unit.id }];
    const maker = await makePerson({ unitId: unit.id, fullName: "Giảng Viên Ra Đề", roles, withAccount: false });
    const approver = await makePerson({ unitId: unit.id, fullName: "Giảng Viên Phê Duyệt", roles, withAccount: false });
    return { makerId: maker.id, approverId: approver.id };
  })();
  return trainers;
}

/** A question of `topic` citing `cite`; SINGLE, MULTIPLE and TRUE_FALSE in turn. */
export function fixtureQuestion(
  key: string,
  courseId: number,
  topic: string,
  cite: { doc: string; article?: string },
  n: number,
): QuestionInput {
  const base = {
    key,
    courseId,
    topic,
    stem: `Câu hỏi thử ${key}?`,
    explanation: `Giải thích của câu ${key}.`,
    difficulty: 2,
    citations: [cite],
  };
  if (n % 3 === 2) return { ...base, type: "TRUE_FALSE", options: [], answer: n % 2 === 0 };
  if (n % 3 === 1) {
    const options = [
      { text: "Đúng thứ nhất", correct: true },
      { text: "Đúng thứ hai", correct: true },
      { text: "Sai thứ nhất" },
      { text: "Sai thứ hai" },
    ];
    return { ...base, type: "MULTIPLE", options, answer: null };
  }
  return {
    ...base,
    type: "SINGLE",
    options: [{ text: "Đáp án đúng", correct: true }, { text: "Phương án sai" }, { text: "Phương án khác" }],
    answer: null,
  };
}

export type FixtureExam = Awaited<ReturnType<typeof makeFixtureExam>>;

export async function makeFixtureExam(opts: { now: Date; topics?: number; draw?: number; pool?: number; approved?: boolean }) {
  const { now, topics = 6, draw = 2, pool = 6, approved = true } = opts;
  const db = getDb();
  const tag = uid();
  const docCode = `FX-${tag}/2026/QH15`;
  const doc = await db.legalDocument.create({
    data: {
      code: docCode,
      kind: "Luật",
      title: `Luật thử ${tag}`,
      issuer: "Quốc hội",
      status: "IN_FORCE",
      confidence: "V",
      statusChangedAt: REGISTRY_SINCE,
      provisions: { create: [{ article: "1", title: "Điều thử", excerpt: "Nội dung điều thử.", confidence: "V" }] },
    },
    include: { provisions: true },
  });
  const course = await db.course.create({
    data: { slug: `fx-${tag}`, title: `Khóa thử ${tag}`, description: "Khóa học thử.", audience: ["ALL"], position: 900 },
  });
  const type = await db.certificationType.create({
    data: {
      code: `FX-${tag.toUpperCase()}`,
      name: `Chứng nhận thử ${tag}`,
      validityMonths: 24,
      renewalWindowDays: 90,
      requiredCourses: { create: [{ courseId: course.id }] },
    },
  });
  const topicNames = Array.from({ length: topics }, (_, i) => `chu-de-${i + 1}`);
  const exam = await db.exam.create({
    data: {
      certificationTypeId: type.id,
      title: `Sát hạch thử ${tag}`,
      topics: Object.fromEntries(topicNames.map((t) => [`${course.slug}/${t}`, draw])),
      passPercent: 80,
      timeLimitMinutes: 30,
      attemptsPerPeriod: 3,
      periodDays: 30,
      cooldownMinutes: 60,
      reviewPolicy: "FULL",
      multipleScoring: "PARTIAL",
      revisedAt: now,
    },
  });
  const keys: string[] = [];
  await db.$transaction(async (tx) => {
    let n = 0;
    for (const topic of topicNames) {
      for (let i = 0; i < pool; i++, n++) {
        const key = `fx-${tag}-${topic}-${i}`;
        keys.push(key);
        await saveQuestion(tx, fixtureQuestion(key, course.id, topic, { doc: docCode, article: "1" }, n), null, now);
      }
    }
  });
  const people = await examTrainers();
  if (approved) {
    const result = await approveExamVersion(exam.id, 1, people.approverId, now);
    if (!result.ok) throw new Error(`fixture approval refused: ${result.code}`);
  }
  return {
    examId: exam.id,
    typeId: type.id,
    courseId: course.id,
    docId: doc.id,
    docCode,
    provisionId: doc.provisions[0].id,
    keys,
    ...people,
  };
}

/** A learner of a unit of their own who has completed the fixture exam's course. */
export async function fixtureLearner(fixture: { courseId: number }, completedAt: Date) {
  const unit = await makeUnit({ kind: "AGENCY" });
  const person = await makePerson({ unitId: unit.id, roles: [{ role: "LEARNER", unitId: unit.id }] });
  await getDb().courseCompletion.create({ data: { personId: person.id, courseId: fixture.courseId, completedAt } });
  return person;
}
