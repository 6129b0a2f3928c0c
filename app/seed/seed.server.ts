import { publishCommitmentText, recordPaperCommitment } from "~/services/commitment.server.ts";
import { hashPassword } from "~/services/passwords.server.ts";
import { createPerson, createUnit, grantRole, setPassword } from "~/services/people.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { dayOf, toDateColumn } from "~/domain/time/calendar.ts";
import { FIRST_COMMITMENT_TEXT, LEGACY_NOTE } from "./commitment-text.ts";
import { assertDemoDataConsistent, DEMO_COMMITMENT_PUBLISHED_AT, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_UNITS } from "./demo-data.ts";
import { demoPositionSince } from "./obligations-seed.server.ts";

/** Loads the Thanh Hóa demo data into an empty database; does nothing otherwise. */
export async function seedDemoDataIfEmpty(now: Date) {
  const db = getDb();
  if ((await db.unit.count()) > 0) return null;
  return seedDemoData(now);
}

export async function seedDemoData(now: Date) {
  assertDemoDataConsistent();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: { email: string; label: string }[] = [];
  // Long transaction on purpose: the demo data appears whole or not at all.
  await getDb().$transaction(
    async (tx) => {
      const unitIds = new Map<string, number>();
      for (const u of DEMO_UNITS) {
        const parentId = u.parentCode ? (unitIds.get(u.parentCode) ?? null) : null;
        const unit = await createUnit(tx, { code: u.code, name: u.name, kind: u.kind, parentId }, null, now);
        unitIds.set(u.code, unit.id);
      }
      const unitId = (code: string) => unitIds.get(code) as number;
      const positionIds = new Map((await tx.position.findMany({ select: { id: true, code: true } })).map((p) => [p.code, p.id]));
      for (const p of DEMO_PEOPLE) {
        const person = await createPerson(
          tx,
          {
            employeeCode: p.employeeCode,
            fullName: p.fullName,
            unitId: unitId(p.unitCode),
            positionId: positionIds.get(p.positionCode) as number,
            positionSince: toDateColumn(demoPositionSince(p.employeeCode, p.workStartedOn, dayOf(now))),
            workStartedOn: toDateColumn(p.workStartedOn),
            email: p.email,
            phone: p.phone,
            status: p.status,
          },
          null,
          now,
        );
        for (const r of p.roles) await grantRole(tx, { personId: person.id, role: r.role, unitId: unitId(r.unitCode) }, null, now);
        if (p.login && p.email) {
          await setPassword(tx, person.id, passwordHash, { actorId: null, mustChange: false, unitId: person.unitId }, now);
          logins.push({ email: p.email, label: p.login.label });
        }
      }
    },
    { timeout: 60_000 },
  );
  await seedCommitments(now);
  return { password: DEMO_PASSWORD, logins };
}

/**
 * Version 1 of the commitment, published before anyone's demo date, and each
 * demo date recorded as a paper signature without a scan, as the migration
 * carried typed dates over (decision 044). People without a date have not signed.
 */
async function seedCommitments(now: Date) {
  const published = await publishCommitmentText(FIRST_COMMITMENT_TEXT, null, DEMO_COMMITMENT_PUBLISHED_AT);
  if (!published.ok) throw new Error(`demo commitment text: ${published.code}`);
  const ids = new Map((await getDb().person.findMany({ select: { id: true, employeeCode: true } })).map((p) => [p.employeeCode, p.id]));
  for (const p of DEMO_PEOPLE) {
    if (!p.commitmentSignedOn) continue;
    const recorded = await recordPaperCommitment(
      { personId: ids.get(p.employeeCode)!, signedOn: p.commitmentSignedOn, source: { note: LEGACY_NOTE } },
      null,
      now,
    );
    if (!recorded.ok) throw new Error(`demo commitment of ${p.employeeCode}: ${recorded.code}`);
  }
}
