// Roster reference data, kept by administrators: stations (each tied to a
// unit) and duty types with their requirements. Tightening a duty type is
// refused by the database when an active assignment would break the rule.
import { can, type Grant } from "~/domain/access/permissions.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { mentions, uniqueViolation } from "../people-admin.server.ts";
import { brokenAssignmentOf } from "./database-refusal.server.ts";

type DutyFields = { name: string; minExperienceMonths: number; requiresCommitment: boolean; certificationTypeIds: number[] };

/** A unique code raced in by someone else between the check and the insert. */
const codeTaken = (error: unknown) => {
  const v = uniqueViolation(error);
  return v !== null && mentions(v, "code");
};

/** The ids among `ids` that are certification types. */
async function knownCertificationTypes(ids: number[]) {
  const known = await getDb().certificationType.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return known.map((c) => c.id);
}

export async function rosterAdminData(scope: number[]) {
  const db = getDb();
  const [stations, dutyTypes, certificationTypes] = await Promise.all([
    db.station.findMany({
      where: { unit: { path: { hasSome: scope } } },
      orderBy: { code: "asc" },
      include: { unit: { select: { code: true, name: true } } },
    }),
    db.dutyType.findMany({
      orderBy: { code: "asc" },
      include: { requiredCertifications: { select: { certificationTypeId: true } }, _count: { select: { shifts: true } } },
    }),
    db.certificationType.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
  ]);
  return {
    stations: stations.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      unitId: s.unitId,
      unitCode: s.unit.code,
      unitName: s.unit.name,
    })),
    dutyTypes: dutyTypes.map((d) => ({
      id: d.id,
      code: d.code,
      name: d.name,
      minExperienceMonths: d.minExperienceMonths,
      requiresCommitment: d.requiresCommitment,
      certificationTypeIds: d.requiredCertifications.map((r) => r.certificationTypeId),
      shifts: d._count.shifts,
    })),
    certificationTypes,
  };
}

/** A station of a unit the admin answers for, with a code not yet used. */
export async function createStation(
  actor: { personId: number; grants: readonly Grant[] },
  input: { code: string; name: string; unitId: number },
  now: Date,
): Promise<Result<{ id: number }, "UNIT_NOT_ALLOWED" | "CODE_TAKEN">> {
  const db = getDb();
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { path: true } });
  if (!unit || !can(actor.grants, "roster:admin", unit.path)) return refused("UNIT_NOT_ALLOWED");
  if (await db.station.findUnique({ where: { code: input.code }, select: { id: true } })) return refused("CODE_TAKEN");
  try {
    return await auditedTransaction(async (tx) => {
      const station = await tx.station.create({ data: input });
      await appendAudit(
        tx,
        {
          actorId: actor.personId,
          action: "roster.station_create",
          unitId: input.unitId,
          targetType: "station",
          targetId: station.id,
          data: input,
        },
        now,
      );
      return ok({ id: station.id });
    });
  } catch (error) {
    if (codeTaken(error)) return refused("CODE_TAKEN");
    throw error;
  }
}

export async function renameStation(actorId: number, station: { id: number; unitId: number; name: string }, name: string, now: Date) {
  return auditedTransaction(async (tx) => {
    await tx.station.update({ where: { id: station.id }, data: { name } });
    await appendAudit(
      tx,
      {
        actorId,
        action: "roster.station_rename",
        unitId: station.unitId,
        targetType: "station",
        targetId: station.id,
        data: { from: station.name, to: name },
      },
      now,
    );
  });
}

/** A duty type with a code not yet used; certification types that do not exist are left out. */
export async function createDutyType(
  actorId: number,
  input: DutyFields & { code: string },
  now: Date,
): Promise<Result<{ id: number }, "CODE_TAKEN">> {
  if (await getDb().dutyType.findUnique({ where: { code: input.code }, select: { id: true } })) return refused("CODE_TAKEN");
  const clean = { ...input, certificationTypeIds: await knownCertificationTypes(input.certificationTypeIds) };
  try {
    return await auditedTransaction(async (tx) => {
      const { certificationTypeIds, ...fields } = clean;
      const duty = await tx.dutyType.create({
        data: {
          ...fields,
          requiredCertifications: { create: certificationTypeIds.map((certificationTypeId) => ({ certificationTypeId })) },
        },
      });
      await appendAudit(tx, { actorId, action: "roster.duty_type_create", targetType: "duty_type", targetId: duty.id, data: clean }, now);
      return ok({ id: duty.id });
    });
  } catch (error) {
    if (codeTaken(error)) return refused("CODE_TAKEN");
    throw error;
  }
}

/** Why a duty type change was refused; BREAKS_ASSIGNMENT names the shift of the first assignment in the way. */
export type DutyUpdateRefusal = { shiftId: number | null };

/**
 * Saves a duty type's name and requirements. When the database refuses
 * (an active assignment would no longer qualify), nothing is saved and the
 * shift of the first assignment in the way is given.
 */
export async function updateDutyType(
  actorId: number,
  dutyTypeId: number,
  input: DutyFields,
  now: Date,
): Promise<Result<undefined, "NOT_FOUND" | "BREAKS_ASSIGNMENT", DutyUpdateRefusal>> {
  const db = getDb();
  if (!(await db.dutyType.findUnique({ where: { id: dutyTypeId }, select: { id: true } }))) return refused("NOT_FOUND");
  const certificationTypeIds = await knownCertificationTypes(input.certificationTypeIds);
  try {
    await auditedTransaction(async (tx) => {
      const before = await tx.dutyType.findUniqueOrThrow({
        where: { id: dutyTypeId },
        include: { requiredCertifications: { select: { certificationTypeId: true } } },
      });
      const had = before.requiredCertifications.map((r) => r.certificationTypeId);
      const added = certificationTypeIds.filter((c) => !had.includes(c));
      const removed = had.filter((c) => !certificationTypeIds.includes(c));
      await tx.dutyType.update({
        where: { id: dutyTypeId },
        data: { name: input.name, minExperienceMonths: input.minExperienceMonths, requiresCommitment: input.requiresCommitment },
      });
      if (removed.length) await tx.dutyTypeCertification.deleteMany({ where: { dutyTypeId, certificationTypeId: { in: removed } } });
      for (const certificationTypeId of added) await tx.dutyTypeCertification.create({ data: { dutyTypeId, certificationTypeId } });
      await appendAudit(
        tx,
        {
          actorId,
          action: "roster.duty_type_update",
          targetType: "duty_type",
          targetId: dutyTypeId,
          data: {
            code: before.code,
            name: input.name,
            minExperienceMonths: input.minExperienceMonths,
            requiresCommitment: input.requiresCommitment,
            certificationTypesAdded: added,
            certificationTypesRemoved: removed,
          },
        },
        now,
      );
    });
    return ok();
  } catch (error) {
    const broken = brokenAssignmentOf(error);
    if (broken === null) throw error;
    const a = await db.assignment.findUnique({ where: { id: broken }, select: { shiftId: true } });
    return refused("BREAKS_ASSIGNMENT", [{ shiftId: a?.shiftId ?? null }]);
  }
}
