import { approveExamVersion } from "~/services/exams/exam-admin.server.ts";
import { examGate } from "~/services/exams/quality-gate.server.ts";
import { getDb } from "~/utils/db.server.ts";

/** The demo's second trainer (decision 051): they approve what the content files made. */
export const DEMO_APPROVER_EMAIL = "trainer2@kt1.test";

/**
 * The demo exams certify out of the box: the second demo trainer approves the
 * version each exam has after the content sync, through the same audited
 * service a trainer uses. Does nothing when any approval exists or the demo
 * people are not there.
 */
export async function seedExamApprovalsIfEmpty(now: Date) {
  const db = getDb();
  if ((await db.examApproval.count()) > 0) return null;
  const approver = await db.person.findFirst({ where: { email: DEMO_APPROVER_EMAIL }, select: { id: true } });
  if (!approver) return null;
  const exams = await db.exam.findMany({ orderBy: { id: "asc" }, select: { id: true, revision: true, title: true } });
  let approved = 0;
  // What else keeps a demo exam from certifying (a thin or unsound bank), said at start-up rather than found on exam day.
  const practice: Record<string, string[]> = {};
  for (const e of exams) {
    const result = await approveExamVersion(e.id, e.revision, approver.id, now);
    if (result.ok) approved++;
    const gate = (await examGate(e.id, now))?.gate;
    if (gate && !gate.certifying)
      practice[e.title] = gate.failures.map((f) => (f.code === "POOL_TOO_SMALL" ? `${f.topic}: ${f.pool}/${f.needed}` : f.code));
  }
  return { approved, ...(Object.keys(practice).length ? { practice } : {}) };
}
