// Roster test data built directly in the database (rows a real admin would create).
import { randomBytes } from "node:crypto";
import { dayOf, HOUR_MS } from "~/domain/time/calendar.ts";
import { issueCertification } from "~/services/exams/certifications.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { signOnPaper } from "./commitment.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "./factories.ts";

const uid = () => randomBytes(3).toString("hex").toUpperCase();

export async function makeRosterWorld() {
  const db = getDb();
  const unit = await makeUnit({ kind: "STATION" });
  const certType = await db.certificationType.create({ data: { code: `CT-${uid()}`, name: "Nghiệp vụ KT1 (thử)" } });
  const dutyType = await db.dutyType.create({
    data: {
      code: `DT-${uid()}`,
      name: "Khai thác KT1 (thử)",
      minExperienceMonths: 6,
      requiresCommitment: true,
      requiredCertifications: { create: { certificationTypeId: certType.id } },
    },
  });
  const station = await db.station.create({ data: { code: `ST-${uid()}`, name: "Bưu cục KT1 thử", unitId: unit.id } });
  return { unit, certType, dutyType, station };
}

export async function makeShift(world: Awaited<ReturnType<typeof makeRosterWorld>>, startsAt: Date, hours = 4, headcount = 50) {
  return getDb().shift.create({
    data: {
      stationId: world.station.id,
      dutyTypeId: world.dutyType.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * HOUR_MS),
      headcount,
    },
  });
}

/** A person who meets every requirement, certified through a recorded in-person session on `certifiedAt`. */
export async function makeQualifiedPerson(
  world: Awaited<ReturnType<typeof makeRosterWorld>>,
  certifiedAt = new Date("2026-01-05T03:00:00Z"),
) {
  const db = getDb();
  const person = await makePerson({ unitId: world.unit.id, withAccount: false });
  await db.person.update({ where: { id: person.id }, data: { workStartedOn: new Date("2015-01-01T00:00:00Z") } });
  await signOnPaper(person.id, "2015-02-01");
  const cert = await certify(world, person.id, certifiedAt);
  return { person, cert };
}

/** Certifies through an in-person session recorded by one trainer and confirmed by a second (decision 029). */
export async function certify(world: Awaited<ReturnType<typeof makeRosterWorld>>, personId: number, at: Date) {
  const line = await confirmedSessionLine({ personId, certificationTypeId: world.certType.id, heldOn: dayOf(at), at });
  return getDb().$transaction((tx) =>
    issueCertification(
      tx,
      { personId, certificationTypeId: world.certType.id, source: "IN_PERSON", trainingAttendanceId: line.attendanceId },
      line.confirmerId,
      at,
    ),
  );
}
