// Shared by the bench and scripts/bench/exam-cpu.ts.
import type pg from "pg";

/**
 * Takes the exam-day learners (E0…) back to "never sat the exam", so exam day
 * can run again on the same dataset (otherwise the cooldown, the attempt limit
 * and their new certifications refuse the starts). Deletes their attempts and
 * certifications with triggers off: only ever on the throwaway benchmark
 * database. The audit entries of earlier runs stay (the chain is append-only).
 */
export async function resetExamLearners(db: pg.Client) {
  const learners = `select id from people where employee_code like 'E%'`;
  await db.query("begin");
  await db.query("set local session_replication_role = replica");
  await db.query(`delete from reminder_outbox where certification_id in (select id from certifications where person_id in (${learners}))`);
  await db.query(`delete from certifications where person_id in (${learners})`);
  await db.query(`delete from attempt_questions where attempt_id in (select id from exam_attempts where person_id in (${learners}))`);
  await db.query(`delete from exam_attempts where person_id in (${learners})`);
  await db.query("commit");
}
