// Exam attempts against real PostgreSQL: what the learner receives while taking
// an attempt, grading exactly once, certification in the same transaction,
// the deadline (saves refused, the sweep submits), cooldown and renewal rules.
import { beforeAll, describe, expect, it } from "vitest";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import type { StoredOption } from "~/services/exams/bank.server.ts";
import { attemptForTaking, attemptResult, saveAnswers, submitAttempt, sweepExpiredAttempts } from "~/services/exams/attempts.server.ts";
import { startAttempt } from "~/services/exams/attempt-start.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeFixtureExam, fixtureLearner, type FixtureExam } from "../support/exam-fixtures.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

const NOW = new Date("2026-11-28T03:00:00Z"); // 10:00 in Vietnam
const minutes = (n: number, from = NOW) => new Date(from.getTime() + n * 60_000);

// An exam of the test's own (six topics drawing two each, an approved version,
// sound questions): the mechanics here do not depend on what content/ ships.
let fixture: FixtureExam;
let examId: number;
let timeLimitMinutes: number;
let cooldownMinutes: number;

beforeAll(async () => {
  fixture = await makeFixtureExam({ now: NOW });
  const exam = await getDb().exam.findUniqueOrThrow({ where: { id: fixture.examId } });
  examId = exam.id;
  timeLimitMinutes = exam.timeLimitMinutes;
  cooldownMinutes = exam.cooldownMinutes;
});

/** A learner who has completed every course the exam requires. */
async function readyLearner() {
  return fixtureLearner(fixture, minutes(-24 * 60));
}

async function start(personId: number, now = NOW) {
  const started = await startAttempt(personId, examId, now);
  if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
  return started.value.attemptId;
}

/** The key, looked up on the server side: every right option (or the true/false answer) per position. */
async function rightAnswers(attemptId: number) {
  const rows = await getDb().attemptQuestion.findMany({
    where: { attemptId },
    include: { questionVersion: true },
    orderBy: { position: "asc" },
  });
  const answers: Record<number, string[]> = {};
  for (const r of rows) {
    const v = r.questionVersion;
    answers[r.position] =
      v.type === "TRUE_FALSE"
        ? [String(v.answer)]
        : (v.options as StoredOption[]).filter((o) => (v.type === "SINGLE" ? o.weight >= 100 : o.weight > 0)).map((o) => o.id);
  }
  return answers;
}

/** Every key path in a JSON value, e.g. "questions.3.options.1.text". */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}${i}.`));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
  }
  return [];
}

describe("taking an exam", () => {
  it("gives the learner stems and options only, and a full pass issues the certification with the grading", async () => {
    const person = await readyLearner();
    const attemptId = await start(person.id);
    const taking = await attemptForTaking(attemptId, person.id);
    expect(taking).not.toBeNull();
    expect(taking!.questions.length).toBeGreaterThan(10);
    expect(taking!.deadlineAt).toEqual(minutes(timeLimitMinutes));

    const json = JSON.stringify(taking);
    expect(json).not.toMatch(/weight/i);
    expect(json).not.toMatch(/explanation/i);
    expect(json).not.toMatch(/feedback|citation|"right"|"correct"/i);
    const answerKeys = keyPaths(JSON.parse(json)).filter((p) => /(^|\.)answer$/.test(p));
    expect(answerKeys).toEqual(taking!.questions.map((_, i) => `questions.${i}.answer`));
    for (const q of taking!.questions) expect(q.answer).toEqual([]);
    // No explanation text of the drawn questions travels either.
    const versions = await getDb().attemptQuestion.findMany({
      where: { attemptId },
      select: { questionVersion: { select: { explanation: true } } },
    });
    for (const v of versions) expect(json).not.toContain(v.questionVersion.explanation);

    const answers = await rightAnswers(attemptId);
    expect(await saveAnswers(attemptId, person.id, answers, minutes(5))).toEqual({ ok: true, value: { saved: taking!.questions.length } });
    const again = await attemptForTaking(attemptId, person.id);
    expect(again!.questions.map((q) => q.answer)).toEqual(taking!.questions.map((q) => answers[q.position]));

    const submitted = await submitAttempt(attemptId, person.id, minutes(6));
    expect(submitted).toMatchObject({ ok: true, value: { alreadySubmitted: false, passed: true, percent: 100 } });
    const cert = await getDb().certification.findUniqueOrThrow({ where: { attemptId } });
    expect(submitted).toMatchObject({ value: { certificationId: cert.id } });
    expect(cert).toMatchObject({ personId: person.id, source: "EXAM" });
    expect(cert.issuedAt).toEqual(minutes(6));
    expect(cert.serial).toMatch(/^KT1-2026-\d{6}$/);

    const result = await attemptResult(attemptId, person.id);
    expect(result).toMatchObject({
      passed: true,
      percent: 100,
      autoSubmitted: false,
      certification: { id: cert.id, validFrom: "2026-11-28", validUntil: "2028-11-27" },
    });
    // Someone else's attempt is nobody's business.
    const other = await readyLearner();
    expect(await attemptForTaking(attemptId, other.id)).toBeNull();
    expect(await attemptResult(attemptId, other.id)).toBeNull();
    expect(await saveAnswers(attemptId, other.id, {}, minutes(7))).toEqual({ ok: false, code: "NOT_FOUND" });
  });

  it("refuses answers that are not the question's options", async () => {
    const person = await readyLearner();
    const attemptId = await start(person.id);
    const taking = (await attemptForTaking(attemptId, person.id))!;
    const single = taking.questions.find((q) => q.type === "SINGLE")!;
    expect(await saveAnswers(attemptId, person.id, { [single.position]: ["forged"] }, minutes(1))).toEqual({
      ok: false,
      code: "INVALID_ANSWER",
    });
    expect(await saveAnswers(attemptId, person.id, { [single.position]: single.options.slice(0, 2).map((o) => o.id) }, minutes(1))).toEqual(
      { ok: false, code: "INVALID_ANSWER" },
    );
    expect(await saveAnswers(attemptId, person.id, { 999: [] }, minutes(1))).toEqual({ ok: false, code: "INVALID_ANSWER" });
  });

  it("grades exactly once when ten submissions race", async () => {
    const person = await readyLearner();
    const attemptId = await start(person.id);
    await saveAnswers(attemptId, person.id, await rightAnswers(attemptId), minutes(2));
    const results = await Promise.all(Array.from({ length: 10 }, () => submitAttempt(attemptId, person.id, minutes(3))));
    expect(results.filter((r) => r.ok && !r.value.alreadySubmitted)).toHaveLength(1);
    expect(results.filter((r) => r.ok && r.value.alreadySubmitted)).toHaveLength(9);
    expect(await getDb().auditEntry.count({ where: { action: "exam.submit", targetType: "attempt", targetId: String(attemptId) } })).toBe(
      1,
    );
    expect(await getDb().certification.count({ where: { attemptId } })).toBe(1);
    expect(await getDb().certification.count({ where: { personId: person.id } })).toBe(1);
  });
});

describe("the deadline", () => {
  it("refuses saves after the deadline and changes nothing", async () => {
    const person = await readyLearner();
    const attemptId = await start(person.id);
    const answers = await rightAnswers(attemptId);
    const [first] = Object.keys(answers).map(Number);
    expect(await saveAnswers(attemptId, person.id, { [first]: answers[first] }, minutes(10))).toMatchObject({ ok: true });
    const before = await getDb().attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: "asc" } });

    expect(await saveAnswers(attemptId, person.id, answers, minutes(timeLimitMinutes))).toEqual({ ok: false, code: "DEADLINE_PASSED" });
    expect(await saveAnswers(attemptId, person.id, answers, minutes(timeLimitMinutes + 5))).toEqual({ ok: false, code: "DEADLINE_PASSED" });
    expect(await getDb().attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: "asc" } })).toEqual(before);
    expect(await getDb().examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "IN_PROGRESS" });

    // Once submitted, saving is refused as closed.
    await submitAttempt(attemptId, person.id, minutes(timeLimitMinutes + 5), { auto: true });
    expect(await saveAnswers(attemptId, person.id, answers, minutes(timeLimitMinutes + 6))).toEqual({ ok: false, code: "CLOSED" });
  });

  it("the sweep submits an abandoned attempt with its saved answers", async () => {
    const person = await readyLearner();
    const attemptId = await start(person.id);
    const answers = await rightAnswers(attemptId);
    const positions = Object.keys(answers).map(Number);
    const half = positions.slice(0, Math.ceil(positions.length / 2));
    await saveAnswers(attemptId, person.id, Object.fromEntries(half.map((p) => [p, answers[p]])), minutes(4));

    // Not yet due: the sweep leaves it alone.
    await sweepExpiredAttempts(minutes(timeLimitMinutes - 1));
    expect(await getDb().examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "IN_PROGRESS" });

    expect(await sweepExpiredAttempts(minutes(timeLimitMinutes + 1))).toBeGreaterThanOrEqual(1);
    const attempt = await getDb().examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "SUBMITTED", autoSubmitted: true, passed: false, maxScore: positions.length });
    expect(Number(attempt.score)).toBe(half.length);
    expect(attempt.submittedAt).toEqual(minutes(timeLimitMinutes + 1));
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "exam.submit", targetId: String(attemptId) } });
    expect(audit.actorId).toBeNull();
    expect(await attemptResult(attemptId, person.id)).toMatchObject({ autoSubmitted: true, passed: false, certification: null });
    // A second sweep finds nothing more to do for it.
    await sweepExpiredAttempts(minutes(timeLimitMinutes + 2));
    expect(await getDb().auditEntry.count({ where: { action: "exam.submit", targetId: String(attemptId) } })).toBe(1);
  });
});

describe("who may start", () => {
  it("a learner without the required courses is refused, naming them", async () => {
    const unit = await makeUnit({ kind: "AGENCY" });
    const person = await makePerson({ unitId: unit.id });
    const refused = await startAttempt(person.id, examId, NOW);
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({ code: "REFUSED", reasons: [{ code: "COURSES_INCOMPLETE" }] });
    expect(await getDb().examAttempt.count({ where: { personId: person.id } })).toBe(0);
  });

  it("five starts at once by one learner (tabs) open one attempt; the others are refused as open", async () => {
    const person = await readyLearner();
    const results = await Promise.all(Array.from({ length: 5 }, () => startAttempt(person.id, examId, NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, code: "REFUSED", reasons: [{ code: "ATTEMPT_OPEN" }] });
    expect(await getDb().examAttempt.count({ where: { personId: person.id } })).toBe(1);
  });

  it("a start of an exam that does not exist is not found and writes nothing", async () => {
    const person = await readyLearner();
    const audits = await getDb().auditEntry.count();
    expect(await startAttempt(person.id, 2_000_000_000, NOW)).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await getDb().examAttempt.count({ where: { personId: person.id } })).toBe(0);
    expect(await getDb().auditEntry.count()).toBe(audits);
  });

  it("an open attempt blocks a second one; a failed attempt blocks a new start until the cooldown ends", async () => {
    const person = await readyLearner();
    const attemptId = await start(person.id);
    expect(await startAttempt(person.id, examId, minutes(1))).toEqual({ ok: false, code: "REFUSED", reasons: [{ code: "ATTEMPT_OPEN" }] });

    const submittedAt = minutes(10);
    expect(await submitAttempt(attemptId, person.id, submittedAt)).toMatchObject({ value: { passed: false } });
    const until = minutes(cooldownMinutes, submittedAt);
    expect(await startAttempt(person.id, examId, minutes(1, submittedAt))).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "COOLDOWN", until }],
    });
    expect(await startAttempt(person.id, examId, new Date(until.getTime() - 1))).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "COOLDOWN", until }],
    });
    const next = await startAttempt(person.id, examId, until);
    expect(next.ok).toBe(true);
  });

  it("a certified learner is refused outside the renewal window; inside it a pass renews from the old expiry", async () => {
    const person = await readyLearner();
    const first = await start(person.id);
    await saveAnswers(first, person.id, await rightAnswers(first), minutes(5));
    await submitAttempt(first, person.id, minutes(6));
    const old = await getDb().certification.findUniqueOrThrow({ where: { attemptId: first } });
    expect(fromDateColumn(old.validUntil)).toBe("2028-11-27");

    // A day later the cooldown is long over, but the certification is far from expiring.
    expect(await startAttempt(person.id, examId, minutes(24 * 60))).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "ALREADY_CERTIFIED", renewFrom: "2028-08-29" }],
    });
    // The day before the window opens (Vietnam time) it is still refused…
    expect(await startAttempt(person.id, examId, new Date("2028-08-28T16:59:00Z"))).toMatchObject({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "ALREADY_CERTIFIED" }],
    });

    // …and inside the window a pass renews: the new one starts the day after the old one ends.
    const renewAt = new Date("2028-09-15T02:00:00Z");
    const second = await start(person.id, renewAt);
    await saveAnswers(second, person.id, await rightAnswers(second), minutes(5, renewAt));
    expect(await submitAttempt(second, person.id, minutes(6, renewAt))).toMatchObject({ value: { passed: true } });
    const renewed = await getDb().certification.findUniqueOrThrow({ where: { attemptId: second } });
    expect(renewed.renewsId).toBe(old.id);
    expect(fromDateColumn(renewed.validFrom)).toBe("2028-11-28");
    expect(fromDateColumn(renewed.validUntil)).toBe("2030-11-27");
    expect(renewed.serial).toMatch(/^KT1-2028-/);
  });
});

describe("exam day: saves, submissions and the question cache", () => {
  it("a save racing the submission is either graded or refused, never stored after the grading", async () => {
    for (let round = 0; round < 5; round++) {
      const person = await readyLearner();
      const attemptId = await start(person.id);
      const answers = await rightAnswers(attemptId);
      const results = await Promise.all([
        saveAnswers(attemptId, person.id, answers, minutes(2)),
        submitAttempt(attemptId, person.id, minutes(2)),
        saveAnswers(attemptId, person.id, answers, minutes(2)),
      ]);
      const saved = results[0].ok || results[2].ok;
      const attempt = await getDb().examAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { questions: true } });
      // Every stored answer was graded: a right answer stored means its point was counted.
      const answered = attempt.questions.filter((q) => q.answer.length > 0).length;
      expect(Number(attempt.score)).toBe(answered);
      // A save that said ok was stored (and so graded); one that lost the race says the attempt is closed.
      if (saved) expect(answered).toBe(Object.keys(answers).length);
      for (const r of [results[0], results[2]]) if (!r.ok) expect(r).toEqual({ ok: false, code: "CLOSED" });
    }
  });

  it("a start after a question is edited draws the new version; an open attempt keeps what it drew", async () => {
    const first = await readyLearner();
    const before = await start(first.id); // warms the cache with the current versions
    const shown = (await attemptForTaking(before, first.id))!;
    // A trainer edits every question: each gets a new version with new option ids.
    const latest = await getDb().questionVersion.findMany({
      distinct: ["questionId"],
      orderBy: [{ questionId: "asc" }, { version: "desc" }],
    });
    for (const v of latest) {
      const { id: _id, createdAt: _c, ...rest } = v;
      const options = (v.options as StoredOption[]).map((o) => ({ ...o, id: `${o.id}-v2`, text: `${o.text} (sửa)` }));
      await getDb().questionVersion.create({ data: { ...rest, options, version: v.version + 1, stem: `${v.stem} (sửa)` } });
    }
    const second = await readyLearner();
    const after = await start(second.id);
    const drawn = await getDb().attemptQuestion.findMany({
      where: { attemptId: after },
      include: { questionVersion: { select: { version: true, questionId: true } } },
    });
    const newest = new Map(latest.map((v) => [v.questionId, v.version + 1]));
    for (const d of drawn) expect(d.questionVersion.version).toBe(newest.get(d.questionVersion.questionId));
    const taking = (await attemptForTaking(after, second.id))!;
    for (const q of taking.questions) {
      expect(q.stem).toMatch(/\(sửa\)$/);
      for (const o of q.options) expect(o.id).toMatch(/-v2$/);
    }
    // The attempt started before the edit still shows exactly what it drew.
    expect(await attemptForTaking(before, first.id)).toEqual(shown);
  });
});
