// In-person training sessions, under the two-person rule (decision 029): the
// trainer records the session with its attendance and paper scores, and it
// waits; a second person (trainer or admin over everyone listed, neither the
// recorder nor listed) confirms it, and only then is everyone present who
// reached the type's pass mark certified — or rejects it with a reason. Each
// step is one transaction, audited; the database enforces the same rule.
import type { Grant } from "~/domain/access/permissions.ts";
import { parseAttendanceLines, passes, type AttendanceLine, type LineProblem } from "~/domain/exams/attendance-lines.ts";
import {
  decideSession,
  decisionRefusals,
  type Decision,
  type DecisionRefusal,
  type SessionStatus,
} from "~/domain/exams/session-decision.ts";
import { fromDateColumn, toDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { issueCertification } from "./certifications.server.ts";

export type SessionInput = {
  certificationTypeId: number;
  /** "YYYY-MM-DD", a Vietnam calendar day. */
  heldOn: string;
  place: string;
  /** The attendance list as typed: one "code;score" or "code;vắng" per line. */
  attendance: string;
};

/** The new session and how many it would certify, or why not: bad lines (each one) or a type without an exam. */
export type RecordResult = Result<{ sessionId: number; toCertify: number }, "LINES" | "TYPE", LineProblem>;

type Actor = { personId: number; unitId: number; scope: readonly number[] };
type Viewer = { personId: number; grants: readonly Grant[] };

/**
 * The certification types a session can be recorded for, with their pass mark:
 * the pass mark of the type's exam. A type without an exam has none, and no
 * session can be recorded for it.
 */
export async function sessionTypes() {
  const rows = await getDb().certificationType.findMany({
    where: { exam: { isNot: null } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, exam: { select: { passPercent: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, passPercent: r.exam!.passPercent }));
}

/**
 * Checks every line of an attendance list: its shape, then that each code is an
 * active person within `scope` (someone outside it reads exactly like an unknown
 * code) and is not the recorder.
 */
export async function checkAttendance(text: string, scope: readonly number[], recorderId: number) {
  const { lines, problems } = parseAttendanceLines(text);
  const codes = lines.map((l) => l.code);
  const found = codes.length
    ? await getDb().person.findMany({
        where: { employeeCode: { in: codes } },
        select: { id: true, employeeCode: true, fullName: true, status: true, unit: { select: { path: true } } },
      })
    : [];
  const byCode = new Map(found.map((p) => [p.employeeCode.toUpperCase(), p]));
  const attendees: (AttendanceLine & { personId: number })[] = [];
  for (const l of lines) {
    const person = byCode.get(l.code);
    if (!person || !person.unit.path.some((id) => scope.includes(id))) {
      problems.push({ line: l.line, raw: l.raw, reason: "unknown", code: l.code });
    } else if (person.id === recorderId) {
      problems.push({ line: l.line, raw: l.raw, reason: "self", code: l.code });
    } else if (person.status !== "ACTIVE") {
      problems.push({ line: l.line, raw: l.raw, reason: "left", code: l.code, name: person.fullName });
    } else {
      attendees.push({ ...l, personId: person.id });
    }
  }
  return { attendees, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Saves the session and its attendance, waiting for a second person — or nothing when any line is wrong. */
export async function recordTrainingSession(input: SessionInput, actor: Actor, now: Date): Promise<RecordResult> {
  const { attendees, problems } = await checkAttendance(input.attendance, actor.scope, actor.personId);
  if (problems.length > 0 || attendees.length === 0) return refused("LINES", problems);

  return auditedTransaction(async (tx): Promise<RecordResult> => {
    const type = await tx.certificationType.findUnique({
      where: { id: input.certificationTypeId },
      select: { code: true, exam: { select: { passPercent: true } } },
    });
    if (!type?.exam) return refused("TYPE");
    const passPercent = type.exam.passPercent;
    const session = await tx.trainingSession.create({
      data: {
        certificationTypeId: input.certificationTypeId,
        heldOn: toDateColumn(input.heldOn),
        place: input.place,
        trainerId: actor.personId,
        passPercent,
      },
    });
    await tx.trainingAttendance.createMany({
      data: attendees.map((l) => ({ sessionId: session.id, personId: l.personId, attended: l.attended, paperScore: l.score })),
    });
    const toCertify = attendees.filter((l) => passes(l, passPercent)).map((l) => l.code);
    await appendAudit(
      tx,
      {
        actorId: actor.personId,
        action: "training.record",
        unitId: actor.unitId,
        targetType: "training_session",
        targetId: session.id,
        data: {
          type: type.code,
          heldOn: input.heldOn,
          place: input.place,
          passPercent,
          listed: attendees.length,
          attended: attendees.filter((l) => l.attended).length,
          toCertify,
        },
      },
      now,
    );
    return ok({ sessionId: session.id, toCertify: toCertify.length });
  });
}

/** The session's new status and how many were certified; "NOT_FOUND" (missing or not the decider's to see) or every reason they may not. */
export type DecideResult = Result<{ status: "CONFIRMED" | "REJECTED"; certified: number }, "NOT_FOUND" | "REFUSED", DecisionRefusal>;

/**
 * A second person confirms a pending session (its passing lines become
 * certifications, issued by them) or rejects it with a reason. The session row
 * is locked first, so two decisions at once cannot both pass.
 */
export async function decideTrainingSession(
  sessionId: number,
  decision: Decision,
  decider: Viewer & { unitId: number },
  scope: readonly number[],
  now: Date,
): Promise<DecideResult> {
  return auditedTransaction(async (tx): Promise<DecideResult> => {
    const visible = await tx.trainingSession.findFirst({
      where: { id: sessionId, ...visibleSessionsWhere(decider, [...scope]) },
      select: { id: true },
    });
    if (!visible) return refused("NOT_FOUND");
    await tx.$queryRaw`select id from training_sessions where id = ${sessionId} for update`;
    const s = await tx.trainingSession.findUniqueOrThrow({
      where: { id: sessionId },
      include: {
        certificationType: { select: { code: true } },
        attendance: { orderBy: { id: "asc" }, include: { person: { select: { employeeCode: true, unit: { select: { path: true } } } } } },
      },
    });
    const result = decideSession(
      {
        status: s.status,
        recordedById: s.trainerId,
        lines: s.attendance.map((a) => ({ personId: a.personId, unitPath: a.person.unit.path })),
      },
      decider,
      decision,
      now,
    );
    if (!result.ok) return result;
    const next = result.value;
    await tx.trainingSession.update({
      where: { id: s.id },
      data: { status: next.status, decidedById: next.decidedById, decidedAt: next.decidedAt, rejectReason: next.rejectReason },
    });
    const certified: string[] = [];
    if (next.status === "CONFIRMED") {
      for (const a of s.attendance) {
        if (!passes({ attended: a.attended, score: a.paperScore }, s.passPercent)) continue;
        const cert = await issueCertification(
          tx,
          { personId: a.personId, certificationTypeId: s.certificationTypeId, source: "IN_PERSON", trainingAttendanceId: a.id },
          decider.personId,
          now,
        );
        certified.push(cert.serial);
      }
    }
    await appendAudit(
      tx,
      {
        actorId: decider.personId,
        action: next.status === "CONFIRMED" ? "training.confirm" : "training.reject",
        unitId: decider.unitId,
        targetType: "training_session",
        targetId: s.id,
        data: {
          type: s.certificationType.code,
          recordedBy: s.trainerId,
          passPercent: s.passPercent,
          listed: s.attendance.length,
          ...(next.status === "CONFIRMED" ? { certified } : { reason: next.rejectReason }),
        },
      },
      now,
    );
    return ok({ status: next.status, certified: certified.length });
  });
}

/** Sessions the user may see: recorded by them, or training someone in their scope. */
function visibleSessionsWhere(user: { personId: number }, scope: number[]) {
  return {
    OR: [{ trainerId: user.personId }, { attendance: { some: { person: { unit: { path: { hasSome: scope } } } } } }],
  };
}

export async function listTrainingSessions(user: { personId: number }, scope: number[]) {
  const rows = await getDb().trainingSession.findMany({
    where: visibleSessionsWhere(user, scope),
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    take: 200,
    include: {
      certificationType: { select: { name: true } },
      attendance: { select: { attended: true, certification: { select: { id: true } } } },
    },
  });
  const names = await peopleNames(rows.map((r) => r.trainerId));
  return rows.map((r) => ({
    id: r.id,
    heldOn: fromDateColumn(r.heldOn),
    place: r.place,
    typeName: r.certificationType.name,
    passPercent: r.passPercent,
    status: r.status as SessionStatus,
    trainer: names.get(r.trainerId) ?? "",
    listed: r.attendance.length,
    attended: r.attendance.filter((a) => a.attended).length,
    certified: r.attendance.filter((a) => a.certification).length,
  }));
}

const sessionInclude = {
  certificationType: { select: { name: true } },
  attendance: {
    orderBy: { id: "asc" as const },
    include: {
      person: { select: { id: true, employeeCode: true, fullName: true, unit: { select: { name: true, path: true } } } },
      certification: { select: { id: true, serial: true } },
    },
  },
};

async function sessionViews(where: object, viewer: Viewer, take?: number) {
  const rows = await getDb().trainingSession.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    include: sessionInclude,
  });
  const names = await peopleNames(rows.flatMap((r) => [r.trainerId, ...(r.decidedById ? [r.decidedById] : [])]));
  return rows.map((s) => {
    const status = s.status as SessionStatus;
    const lines = s.attendance.map((a) => ({ personId: a.person.id, unitPath: a.person.unit.path }));
    return {
      id: s.id,
      heldOn: fromDateColumn(s.heldOn),
      place: s.place,
      typeName: s.certificationType.name,
      passPercent: s.passPercent,
      status,
      trainer: names.get(s.trainerId) ?? "",
      createdAt: s.createdAt.toISOString(),
      decidedBy: s.decidedById ? (names.get(s.decidedById) ?? "") : null,
      decidedAt: s.decidedAt?.toISOString() ?? null,
      rejectReason: s.rejectReason,
      /** Why the viewer may not confirm or reject it (empty: they may). */
      refusals: decisionRefusals({ status, recordedById: s.trainerId, lines }, viewer),
      attendance: s.attendance.map((a) => ({
        id: a.id,
        personId: a.person.id,
        employeeCode: a.person.employeeCode,
        fullName: a.person.fullName,
        unitName: a.person.unit.name,
        attended: a.attended,
        score: a.paperScore,
        /** Reached the pass mark: certified on confirmation. */
        passes: passes({ attended: a.attended, score: a.paperScore }, s.passPercent),
        certification: a.certification,
      })),
    };
  });
}

export async function trainingSession(id: number, viewer: Viewer, scope: number[]) {
  const [s] = await sessionViews({ id, ...visibleSessionsWhere(viewer, scope) }, viewer);
  return s ?? null;
}

/** Sessions waiting for a second person, oldest first, that the viewer can see ("Chờ xác nhận"). */
export async function pendingTrainingSessions(viewer: Viewer, scope: number[]) {
  return sessionViews({ status: "PENDING", ...visibleSessionsWhere(viewer, scope) }, viewer, 50);
}

async function peopleNames(ids: number[]) {
  const rows = await getDb().person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, fullName: true } });
  return new Map(rows.map((r) => [r.id, r.fullName]));
}
