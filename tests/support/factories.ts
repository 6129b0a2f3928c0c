// Test data built through the same services the seed and the app use.
import { randomBytes } from "node:crypto";
import type { Role } from "~/domain/access/permissions.ts";
import { toDateColumn } from "~/domain/time/calendar.ts";
import { hashPassword } from "~/services/passwords.server.ts";
import { createPerson, createUnit, grantRole, setPassword } from "~/services/people.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const TEST_PASSWORD = "Mat-khau-thu-2026";
let passwordHash: Promise<string> | undefined;

const uid = () => randomBytes(3).toString("hex").toUpperCase();

export async function makeUnit(opts: { parentId?: number | null; name?: string; kind?: string } = {}) {
  return getDb().$transaction((tx) =>
    createUnit(
      tx,
      { code: `U-${uid()}`, name: opts.name ?? `Đơn vị thử ${uid()}`, kind: opts.kind ?? "AGENCY", parentId: opts.parentId ?? null },
      null,
      new Date(),
    ),
  );
}

export async function makePerson(opts: {
  unitId: number;
  fullName?: string;
  roles?: { role: Role; unitId: number }[];
  withAccount?: boolean;
  status?: "ACTIVE" | "LEFT";
  positionCode?: string;
  positionSince?: string;
}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const code = `T${uid()}`;
  return getDb().$transaction(async (tx) => {
    const now = new Date();
    const person = await createPerson(
      tx,
      {
        employeeCode: code,
        fullName: opts.fullName ?? "Nguyễn Thị Thử",
        unitId: opts.unitId,
        positionId: (await tx.position.findUniqueOrThrow({ where: { code: opts.positionCode ?? "CHUYEN_VIEN" }, select: { id: true } })).id,
        positionSince: toDateColumn(opts.positionSince ?? "2020-01-01"),
        workStartedOn: new Date("2020-01-01T00:00:00Z"),
        email: `${code.toLowerCase()}@kt1.test`,
        phone: null,
        status: opts.status ?? "ACTIVE",
      },
      null,
      now,
    );
    for (const r of opts.roles ?? []) await grantRole(tx, { personId: person.id, ...r }, null, now);
    if (opts.withAccount !== false) {
      await setPassword(tx, person.id, hash, { actorId: null, mustChange: false, unitId: person.unitId }, now);
    }
    return person;
  });
}

// Two trainers per unit, kept in a training centre of their own (so they never
// count among a test's staff): the recorder and the second person of decision 029.
let centre: Promise<{ id: number }> | undefined;
const pairs = new Map<number, Promise<{ recorderId: number; confirmerId: number }>>();

function trainerPair(unitId: number) {
  let pair = pairs.get(unitId);
  if (!pair) {
    pair = (async () => {
      centre ??= makeUnit({ name: "Trung tâm đào tạo (thử)", kind: "DEPARTMENT" });
      const { id } = await centre;
      const roles = [{ role: "TRAINER" as const, unitId }];
      const recorder = await makePerson({ unitId: id, fullName: "Giảng Viên Ghi Nhận", roles, withAccount: false });
      const confirmer = await makePerson({ unitId: id, fullName: "Giảng Viên Xác Nhận", roles, withAccount: false });
      return { recorderId: recorder.id, confirmerId: confirmer.id };
    })();
    pairs.set(unitId, pair);
  }
  return pair;
}

/**
 * A passing line of an in-person session recorded by one trainer and confirmed
 * by a second (decision 029): the origin the database requires of a
 * certification outside an exam. Insert the certification with
 * `trainingAttendanceId` (or call issueCertification) inside `tx` afterwards.
 */
export async function confirmedSessionLine(opts: {
  personId: number;
  certificationTypeId: number;
  heldOn: string;
  at?: Date;
  score?: number;
}) {
  const person = await getDb().person.findUniqueOrThrow({ where: { id: opts.personId }, select: { unitId: true } });
  const { recorderId, confirmerId } = await trainerPair(person.unitId);
  return getDb().$transaction(async (tx) => {
    const session = await tx.trainingSession.create({
      data: {
        certificationTypeId: opts.certificationTypeId,
        heldOn: toDateColumn(opts.heldOn),
        place: "Phòng họp",
        trainerId: recorderId,
        passPercent: 70,
      },
    });
    const attendance = await tx.trainingAttendance.create({
      data: { sessionId: session.id, personId: opts.personId, attended: true, paperScore: opts.score ?? 90 },
    });
    await tx.trainingSession.update({
      where: { id: session.id },
      data: { status: "CONFIRMED", decidedById: confirmerId, decidedAt: opts.at ?? new Date() },
    });
    return { sessionId: session.id, attendanceId: attendance.id, recorderId, confirmerId };
  });
}
