import { canApprove, type ApprovalRefusal } from "~/domain/exams/quality-gate.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { personNames } from "../content/authoring.server.ts";
import { examGate } from "./quality-gate.server.ts";

// The trainer's exam page: the quality gate's state (decision 051), the exam's
// settings, and the two acts on it — changing the settings (a new exam version)
// and approving a version made by someone else (two-person rule).

/** The exam's gate, settings and who made and approved its version; null when unknown. */
export async function examForTrainer(examId: number, viewerId: number, now: Date) {
  const [context, exam] = await Promise.all([
    examGate(examId, now),
    getDb().exam.findUnique({
      where: { id: examId },
      select: { passPercent: true, timeLimitMinutes: true },
    }),
  ]);
  if (!context || !exam) return null;
  const { gate } = context;
  const names = await personNames([context.exam.revisedById, gate.approval?.approvedById ?? null]);
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? `#${id}`));
  return {
    revision: context.exam.revision,
    revisedAt: context.exam.revisedAt,
    revisedBy: name(context.exam.revisedById),
    settings: { passPercent: exam.passPercent, timeLimitMinutes: exam.timeLimitMinutes, topics: context.exam.topics },
    gate: {
      certifying: gate.certifying,
      failures: gate.failures,
      topics: gate.topics,
      held: gate.held,
      poorItems: gate.poorItems,
      approval: gate.approval && { approvedAt: gate.approval.approvedAt, approvedBy: name(gate.approval.approvedById) },
    },
    /** Why this viewer may not approve the version now; null: they may. */
    approveRefusal: canApprove(context.exam, context.approvals, viewerId, context.exam.revision),
  };
}

/**
 * Records `actorId`'s approval of revision `revision` (the one the page
 * showed): refused when the exam changed since, is approved already, or the
 * actor made this version. The database holds the same rule (exam_approvals_guard).
 */
export async function approveExamVersion(
  examId: number,
  revision: number,
  actorId: number,
  now: Date,
): Promise<Result<{ revision: number }, "NOT_FOUND" | ApprovalRefusal>> {
  return auditedTransaction(async (tx) => {
    const [exam] = await tx.$queryRaw<{ revision: number; revisedById: number | null; title: string }[]>`
      select revision, revised_by_id as "revisedById", title from exams where id = ${examId} for update`;
    if (!exam) return refused("NOT_FOUND");
    const approvals = await tx.examApproval.findMany({
      where: { examId },
      select: { revision: true, approvedById: true, approvedAt: true },
    });
    const refusal = canApprove(exam, approvals, actorId, revision);
    if (refusal) return refused(refusal);
    await tx.examApproval.create({ data: { examId, revision, approvedById: actorId, approvedAt: now } });
    await appendAudit(
      tx,
      {
        actorId,
        action: "exam.approve",
        targetType: "exam",
        targetId: examId,
        data: { exam: exam.title, revision, revisedBy: exam.revisedById },
      },
      now,
    );
    return ok({ revision });
  });
}

export type ExamSettingsInput = { passPercent: number; timeLimitMinutes: number; topics: Record<string, number> };

/**
 * Changes the exam's pass mark, time limit and how many questions each of its
 * topics draws: a new exam version made by `actorId`, which runs as practice
 * until someone else approves it. Only the exam's own topics; audited with old
 * and new values. "STALE_REVISION" when the exam changed since the form was shown.
 */
export async function updateExamSettings(
  examId: number,
  revision: number,
  input: ExamSettingsInput,
  actorId: number,
  now: Date,
): Promise<Result<{ changed: boolean; revision: number }, "NOT_FOUND" | "STALE_REVISION" | "UNKNOWN_TOPIC">> {
  return auditedTransaction(async (tx) => {
    const [exam] = await tx.$queryRaw<
      { revision: number; title: string; passPercent: number; timeLimitMinutes: number; topics: Record<string, number> }[]
    >`
      select revision, title, pass_percent as "passPercent", time_limit_minutes as "timeLimitMinutes", topics from exams where id = ${examId} for update`;
    if (!exam) return refused("NOT_FOUND");
    if (exam.revision !== revision) return refused("STALE_REVISION");
    const known = Object.keys(exam.topics);
    if (Object.keys(input.topics).some((t) => !known.includes(t)) || known.some((t) => !(t in input.topics)))
      return refused("UNKNOWN_TOPIC");
    const old = { passPercent: exam.passPercent, timeLimitMinutes: exam.timeLimitMinutes, topics: exam.topics };
    const topics = Object.fromEntries(known.map((t) => [t, input.topics[t]]));
    const same =
      old.passPercent === input.passPercent &&
      old.timeLimitMinutes === input.timeLimitMinutes &&
      known.every((t) => old.topics[t] === topics[t]);
    if (same) return ok({ changed: false, revision: exam.revision });
    const saved = await tx.exam.update({
      where: { id: examId },
      data: { passPercent: input.passPercent, timeLimitMinutes: input.timeLimitMinutes, topics, revisedById: actorId, revisedAt: now },
      select: { revision: true },
    });
    await appendAudit(
      tx,
      {
        actorId,
        action: "exam.settings",
        targetType: "exam",
        targetId: examId,
        data: {
          exam: exam.title,
          revision: saved.revision,
          old,
          new: { passPercent: input.passPercent, timeLimitMinutes: input.timeLimitMinutes, topics },
        },
      },
      now,
    );
    return ok({ changed: true, revision: saved.revision });
  });
}
