// Roster reference data, kept by administrators: stations (each tied to a
// unit) and duty types with their requirements. Tightening a duty type is
// refused by the database when an active assignment would break the rule.
import { z } from "zod";
import type { MessageKey } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";

const k = (key: MessageKey) => key;
const text = (max: number) =>
  z
    .string({ error: k("form.required") })
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, k("form.required")).max(max, k("roster.error.tooLong")));
const id = z.coerce.number({ error: k("roster.error.invalid") }).int(k("roster.error.invalid")).positive(k("roster.error.invalid")).max(2_147_483_647, k("roster.error.invalid"));
const code = z
  .string({ error: k("form.required") })
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().min(1, k("form.required")).regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, k("roster.error.code")));

export const stationCreateSchema = z.object({ code, name: text(200), unitId: id });
export const stationRenameSchema = z.object({ stationId: id, name: text(200) });

const months = z.coerce.number({ error: k("roster.error.months") }).int(k("roster.error.months")).min(0, k("roster.error.months")).max(600, k("roster.error.months"));
export const dutyTypeFieldsSchema = z.object({
  name: text(200),
  minExperienceMonths: months,
  requiresCommitment: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
});
export const dutyTypeCreateSchema = dutyTypeFieldsSchema.extend({ code });
export const dutyTypeUpdateSchema = dutyTypeFieldsSchema.extend({ dutyTypeId: id });

export async function rosterAdminData(scope: number[]) {
  const db = getDb();
  const [stations, dutyTypes, certificationTypes] = await Promise.all([
    db.station.findMany({ where: { unit: { path: { hasSome: scope } } }, orderBy: { code: "asc" }, include: { unit: { select: { code: true, name: true } } } }),
    db.dutyType.findMany({ orderBy: { code: "asc" }, include: { requiredCertifications: { select: { certificationTypeId: true } }, _count: { select: { shifts: true } } } }),
    db.certificationType.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
  ]);
  return {
    stations: stations.map((s) => ({ id: s.id, code: s.code, name: s.name, unitId: s.unitId, unitCode: s.unit.code, unitName: s.unit.name })),
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

export async function createStation(actorId: number, input: { code: string; name: string; unitId: number }, now: Date) {
  return getDb().$transaction(async (tx) => {
    const station = await tx.station.create({ data: input });
    await appendAudit(tx, { actorId, action: "roster.station_create", unitId: input.unitId, targetType: "station", targetId: station.id, data: input }, now);
    return station;
  });
}

export async function renameStation(actorId: number, station: { id: number; unitId: number; name: string }, name: string, now: Date) {
  return getDb().$transaction(async (tx) => {
    await tx.station.update({ where: { id: station.id }, data: { name } });
    await appendAudit(tx, { actorId, action: "roster.station_rename", unitId: station.unitId, targetType: "station", targetId: station.id, data: { from: station.name, to: name } }, now);
  });
}

export async function createDutyType(actorId: number, input: { code: string; name: string; minExperienceMonths: number; requiresCommitment: boolean; certificationTypeIds: number[] }, now: Date) {
  return getDb().$transaction(async (tx) => {
    const { certificationTypeIds, ...fields } = input;
    const duty = await tx.dutyType.create({ data: { ...fields, requiredCertifications: { create: certificationTypeIds.map((certificationTypeId) => ({ certificationTypeId })) } } });
    await appendAudit(tx, { actorId, action: "roster.duty_type_create", targetType: "duty_type", targetId: duty.id, data: input }, now);
    return duty;
  });
}

export type DutyUpdateResult = { ok: true } | { ok: false; brokenAssignmentId: number | null };

/**
 * Saves a duty type's name and requirements. When the database refuses
 * (an active assignment would no longer qualify), nothing is saved and the
 * first assignment in the way is returned.
 */
export async function updateDutyType(
  actorId: number,
  dutyTypeId: number,
  input: { name: string; minExperienceMonths: number; requiresCommitment: boolean; certificationTypeIds: number[] },
  now: Date,
): Promise<DutyUpdateResult> {
  try {
    await getDb().$transaction(async (tx) => {
      const before = await tx.dutyType.findUniqueOrThrow({ where: { id: dutyTypeId }, include: { requiredCertifications: { select: { certificationTypeId: true } } } });
      const had = before.requiredCertifications.map((r) => r.certificationTypeId);
      const added = input.certificationTypeIds.filter((c) => !had.includes(c));
      const removed = had.filter((c) => !input.certificationTypeIds.includes(c));
      await tx.dutyType.update({ where: { id: dutyTypeId }, data: { name: input.name, minExperienceMonths: input.minExperienceMonths, requiresCommitment: input.requiresCommitment } });
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
    return { ok: true };
  } catch (error) {
    const text = `${String((error as Error)?.message ?? "")} ${JSON.stringify(error)}`;
    const m = /new requirements would break assignment (\d+)/.exec(text);
    if (!m) throw error;
    return { ok: false, brokenAssignmentId: Number(m[1]) };
  }
}

/** The shift an assignment belongs to (to link to it from an error). */
export async function shiftOfAssignment(assignmentId: number | null) {
  if (assignmentId == null) return null;
  const a = await getDb().assignment.findUnique({ where: { id: assignmentId }, select: { shiftId: true } });
  return a?.shiftId ?? null;
}
