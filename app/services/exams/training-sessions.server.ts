// In-person training sessions: the trainer records the session with its
// attendance and paper scores, and everyone present who reached the pass mark
// is certified — all in one transaction, or nothing when any line is wrong.
import { parseAttendanceLines, passes, type AttendanceLine, type LineProblem } from "~/domain/exams/attendance-lines.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";
import { issueCertification } from "./certifications.server.ts";

export type SessionInput = {
  certificationTypeId: number;
  /** "YYYY-MM-DD", a Vietnam calendar day. */
  heldOn: string;
  place: string;
  passPercent: number;
  /** The attendance list as typed: one "code;score" or "code;vắng" per line. */
  attendance: string;
};

export type RecordResult =
  | { ok: true; sessionId: number; certified: number }
  | { ok: false; problems: LineProblem[] };

/**
 * Checks every line of an attendance list: its shape, then that each code is an
 * active person within `scope` (someone outside it reads exactly like an unknown code).
 */
export async function checkAttendance(text: string, scope: readonly number[]) {
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
    } else if (person.status !== "ACTIVE") {
      problems.push({ line: l.line, raw: l.raw, reason: "left", code: l.code, name: person.fullName });
    } else {
      attendees.push({ ...l, personId: person.id });
    }
  }
  return { attendees, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Saves the session, its attendance and the certifications it earns — or nothing when any line is wrong. */
export async function recordTrainingSession(
  input: SessionInput,
  actor: { personId: number; unitId: number; scope: readonly number[] },
  now: Date,
): Promise<RecordResult> {
  const { attendees, problems } = await checkAttendance(input.attendance, actor.scope);
  if (problems.length > 0) return { ok: false, problems };
  if (attendees.length === 0) return { ok: false, problems: [] };

  return getDb().$transaction(async (tx) => {
    const type = await tx.certificationType.findUniqueOrThrow({ where: { id: input.certificationTypeId }, select: { code: true } });
    const session = await tx.trainingSession.create({
      data: {
        certificationTypeId: input.certificationTypeId,
        heldOn: new Date(`${input.heldOn}T00:00:00Z`),
        place: input.place,
        trainerId: actor.personId,
        passPercent: input.passPercent,
      },
    });
    const certified: string[] = [];
    for (const l of attendees) {
      const personId = l.personId;
      const attendance = await tx.trainingAttendance.create({
        data: { sessionId: session.id, personId, attended: l.attended, paperScore: l.score },
      });
      if (passes(l, input.passPercent)) {
        const cert = await issueCertification(
          tx,
          { personId, certificationTypeId: input.certificationTypeId, source: "IN_PERSON", trainingAttendanceId: attendance.id },
          actor.personId,
          now,
        );
        certified.push(cert.serial);
      }
    }
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
          passPercent: input.passPercent,
          listed: attendees.length,
          attended: attendees.filter((l) => l.attended).length,
          certified,
        },
      },
      now,
    );
    return { ok: true as const, sessionId: session.id, certified: certified.length };
  });
}

/** Sessions the user may see: recorded by them, or training someone in their scope. */
export function visibleSessionsWhere(user: { personId: number }, scope: number[]) {
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
  const trainers = await trainerNames(rows.map((r) => r.trainerId));
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.heldOn.toISOString().slice(0, 10),
    place: r.place,
    typeName: r.certificationType.name,
    passPercent: r.passPercent,
    trainer: trainers.get(r.trainerId) ?? "",
    listed: r.attendance.length,
    attended: r.attendance.filter((a) => a.attended).length,
    certified: r.attendance.filter((a) => a.certification).length,
  }));
}

export async function trainingSession(id: number, user: { personId: number }, scope: number[]) {
  const s = await getDb().trainingSession.findFirst({
    where: { id, ...visibleSessionsWhere(user, scope) },
    include: {
      certificationType: { select: { name: true } },
      attendance: {
        orderBy: { id: "asc" },
        include: {
          person: { select: { id: true, employeeCode: true, fullName: true, unit: { select: { name: true } } } },
          certification: { select: { id: true, serial: true } },
        },
      },
    },
  });
  if (!s) return null;
  const trainers = await trainerNames([s.trainerId]);
  return {
    id: s.id,
    heldOn: s.heldOn.toISOString().slice(0, 10),
    place: s.place,
    typeName: s.certificationType.name,
    passPercent: s.passPercent,
    trainer: trainers.get(s.trainerId) ?? "",
    createdAt: s.createdAt.toISOString(),
    attendance: s.attendance.map((a) => ({
      id: a.id,
      personId: a.person.id,
      employeeCode: a.person.employeeCode,
      fullName: a.person.fullName,
      unitName: a.person.unit.name,
      attended: a.attended,
      score: a.paperScore,
      certification: a.certification,
    })),
  };
}

async function trainerNames(ids: number[]) {
  const rows = await getDb().person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, fullName: true } });
  return new Map(rows.map((r) => [r.id, r.fullName]));
}
