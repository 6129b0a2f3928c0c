// Obligations as read: the stored rows with the status each has at `now`
// (app/domain/obligations/status.ts), for the learner's home and the API.
import { standingOf, type ObligationStanding } from "~/domain/obligations/status.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";

export type ObligationView = ObligationStanding & {
  certificationTypeId: number;
  certificationType: string;
  typeName: string;
  gatesKt1Duty: boolean;
};

/** Each person's obligations with their status at `now`, in certification type order. */
export async function obligationsOf(personIds: readonly number[], now: Date): Promise<Map<number, ObligationView[]>> {
  const out = new Map<number, ObligationView[]>();
  if (personIds.length === 0) return out;
  const db = getDb();
  const rows = await db.obligation.findMany({
    where: { personId: { in: [...personIds] } },
    include: {
      certificationType: { select: { code: true, name: true, renewalWindowDays: true } },
      rule: { select: { gatesKt1Duty: true } },
    },
    orderBy: [{ personId: "asc" }, { certificationType: { code: "asc" } }],
  });
  const certs =
    rows.length === 0
      ? []
      : await db.certification.findMany({
          where: {
            personId: { in: [...new Set(rows.map((r) => r.personId))] },
            certificationTypeId: { in: [...new Set(rows.map((r) => r.certificationTypeId))] },
          },
          select: { personId: true, certificationTypeId: true, validFrom: true, validUntil: true, revokedAt: true },
        });
  for (const o of rows) {
    const held = certs
      .filter((c) => c.personId === o.personId && c.certificationTypeId === o.certificationTypeId)
      .map((c) => ({ validFrom: fromDateColumn(c.validFrom), validUntil: fromDateColumn(c.validUntil), revokedAt: c.revokedAt }));
    const list = out.get(o.personId) ?? [];
    list.push({
      certificationTypeId: o.certificationTypeId,
      certificationType: o.certificationType.code,
      typeName: o.certificationType.name,
      gatesKt1Duty: o.rule.gatesKt1Duty,
      ...standingOf({ dueOn: fromDateColumn(o.dueOn) }, held, o.certificationType.renewalWindowDays, now),
    });
    out.set(o.personId, list);
  }
  return out;
}

export type NextStep = { kind: "course"; slug: string; title: string } | { kind: "exam"; examId: number; title: string } | null;

/**
 * The learner's obligations, each with its next step: the first of the type's
 * required courses not yet completed, then its exam. Nothing for a compliant one.
 */
export async function learnerObligations(personId: number, now: Date) {
  const list = (await obligationsOf([personId], now)).get(personId) ?? [];
  if (list.length === 0) return [];
  const db = getDb();
  const [types, completions] = await Promise.all([
    db.certificationType.findMany({
      where: { id: { in: list.map((o) => o.certificationTypeId) } },
      select: {
        id: true,
        exam: { select: { id: true, title: true } },
        requiredCourses: { select: { course: { select: { id: true, slug: true, title: true, position: true } } } },
      },
    }),
    db.courseCompletion.findMany({ where: { personId }, select: { courseId: true } }),
  ]);
  const done = new Set(completions.map((c) => c.courseId));
  const byId = new Map(types.map((t) => [t.id, t]));
  return list.map((o) => {
    const type = byId.get(o.certificationTypeId);
    let next: NextStep = null;
    if (o.status !== "COMPLIANT" && type) {
      const course = type.requiredCourses
        .map((r) => r.course)
        .sort((a, b) => a.position - b.position)
        .find((c) => !done.has(c.id));
      if (course) next = { kind: "course", slug: course.slug, title: course.title };
      else if (type.exam) next = { kind: "exam", examId: type.exam.id, title: type.exam.title };
    }
    return { ...o, next };
  });
}
