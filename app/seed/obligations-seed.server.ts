// Demo positions dates, requirement rules and a few state-secrets certificates,
// chosen relative to the day the seed runs so that the demo always shows every
// kind of obligation (decision 042):
//   rules for state secrets and for KT1 postal staff took effect 180 days ago,
//   the clerks' rule 20 days ago (every clerk of a sending agency: DUE);
//   TH0005 (clerk demo account) and TH0006 (postal demo account) took their
//   positions 12 and 10 days ago: DUE, with the next step on their home page;
//   so did TH0071, a new clerk 20 days ago (the e2e compliance journey's);
//   TH0039 took his 75 days ago and is uncertified: OVERDUE; TH0038 EXPIRED and
//   TH0041 REVOKED (the roster seed); heads of unit TH0007 and TH0051 hold a
//   state-secrets certificate ending within 30 days: EXPIRING; TH0008, TH0010,
//   TH0014 and TH0053 hold a recent one: COMPLIANT; TH0022 and TH0028 took
//   positions with access to secrets 50 and 40 days ago: OVERDUE on BMNN.
import { atVietnamTime } from "~/domain/roster/week.ts";
import { addDays, addMonths, dayOf, toDateColumn, type Day } from "~/domain/time/calendar.ts";
import { appendAudit } from "~/services/audit.server.ts";
import { issueCertification } from "~/services/exams/certifications.server.ts";
import { recomputeObligations } from "~/services/obligations/recompute.server.ts";
import { createRule } from "~/services/obligations/requirements.server.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";

/** Days before the seed's day on which these people took their positions (others: their start of work). */
const RECENT_POSITIONS: Record<string, number> = { TH0005: 12, TH0006: 10, TH0071: 20, TH0039: 75, TH0022: 50, TH0028: 40 };

/** The day a demo person took their position. */
export function demoPositionSince(employeeCode: string, workStartedOn: Day, today: Day): Day {
  const daysAgo = RECENT_POSITIONS[employeeCode];
  return daysAgo === undefined ? workStartedOn : addDays(today, -daysAgo);
}

const SENDING_KINDS = ["AGENCY", "DEPARTMENT", "POLICE"] as const;
const POSTAL_POSITIONS = ["GDV_KT1", "KHAI_THAC_KT1", "BUU_TA_KT1", "VAN_CHUYEN_KT1", "AP_TAI"];

type DemoRule = {
  unitKind: string | null;
  positionCode: string | null;
  secretAccess: boolean;
  type: string;
  days: number;
  gates: boolean;
  effectiveDaysAgo: number;
};
export const DEMO_RULES: DemoRule[] = [
  ...SENDING_KINDS.map((unitKind) => ({
    unitKind,
    positionCode: "VAN_THU",
    secretAccess: false,
    type: "KT1-VAN-THU",
    days: 30,
    gates: false,
    effectiveDaysAgo: 20,
  })),
  { unitKind: null, positionCode: null, secretAccess: true, type: "BMNN", days: 30, gates: false, effectiveDaysAgo: 180 },
  ...POSTAL_POSITIONS.map((positionCode) => ({
    unitKind: null,
    positionCode,
    secretAccess: false,
    type: "KT1-BUU-DIEN",
    days: 30,
    gates: true,
    effectiveDaysAgo: 180,
  })),
  { unitKind: "STATION", positionCode: null, secretAccess: false, type: "KT1-BUU-DIEN", days: 30, gates: true, effectiveDaysAgo: 180 },
];

/** State-secrets certificates from in-person sessions: held this many days ago. */
const BMNN_SESSIONS: { codes: string[]; heldOn: (today: Day) => Day }[] = [
  { codes: ["TH0007", "TH0051"], heldOn: (today) => addDays(addMonths(today, -24), 25) }, // ends in about 24 days
  { codes: ["TH0008", "TH0010", "TH0014", "TH0053"], heldOn: (today) => addDays(today, -40) },
];

/** Seeds the demo rules once: nothing when a rule exists or the demo people or types are missing. */
export async function seedObligationsIfEmpty(now: Date) {
  const db = getDb();
  if ((await db.requirementRule.count()) > 0) return null;
  const [types, positions, admin, trainer] = await Promise.all([
    db.certificationType.findMany({ select: { id: true, code: true } }),
    db.position.findMany({ select: { id: true, code: true } }),
    db.person.findUnique({ where: { email: "admin@kt1.test" }, select: { id: true, unitId: true } }),
    db.person.findUnique({ where: { email: "trainer@kt1.test" }, select: { id: true, unitId: true } }),
  ]);
  const typeId = new Map(types.map((t) => [t.code, t.id]));
  const positionId = new Map(positions.map((p) => [p.code, p.id]));
  if (!admin || !trainer || DEMO_RULES.some((r) => !typeId.has(r.type))) return null;
  const today = dayOf(now);

  await db.$transaction((tx) => seedCertificates(tx, typeId.get("BMNN")!, trainer, admin, today), { timeout: 60_000 });
  for (const r of DEMO_RULES) {
    const input = {
      unitKind: r.unitKind as never,
      positionId: r.positionCode ? (positionId.get(r.positionCode) ?? null) : null,
      secretAccess: r.secretAccess,
      certificationTypeId: typeId.get(r.type)!,
      dueWithinDays: r.days,
      gatesKt1Duty: r.gates,
    };
    const created = await createRule(input, admin.id, now, addDays(today, -r.effectiveDaysAgo));
    if (!created.ok) throw new Error(`demo rules: ${created.code}`);
  }
  const counts = await db.obligation.count();
  return { rules: DEMO_RULES.length, obligations: counts };
}

async function seedCertificates(
  tx: Tx,
  bmnnId: number,
  trainer: { id: number; unitId: number },
  admin: { id: number; unitId: number },
  today: Day,
) {
  for (const s of BMNN_SESSIONS) {
    const heldOn = s.heldOn(today);
    const people = await tx.person.findMany({ where: { employeeCode: { in: s.codes } }, select: { id: true, employeeCode: true } });
    if (people.length === 0) continue;
    const recordedAt = atVietnamTime(heldOn, "09:00");
    const issuedAt = atVietnamTime(heldOn, "11:00");
    const session = await tx.trainingSession.create({
      data: {
        certificationTypeId: bmnnId,
        heldOn: toDateColumn(heldOn),
        place: "Sở Khoa học và Công nghệ (lớp bảo vệ bí mật nhà nước)",
        trainerId: trainer.id,
        passPercent: 80,
      },
    });
    await appendAudit(
      tx,
      {
        actorId: trainer.id,
        action: "training.record",
        unitId: trainer.unitId,
        targetType: "training_session",
        targetId: session.id,
        data: { type: "BMNN", heldOn, listed: people.length },
      },
      recordedAt,
    );
    const lines = [];
    for (const p of people)
      lines.push(await tx.trainingAttendance.create({ data: { sessionId: session.id, personId: p.id, attended: true, paperScore: 90 } }));
    // Confirmed by a second person (decision 029), then issued.
    await tx.trainingSession.update({
      where: { id: session.id },
      data: { status: "CONFIRMED", decidedById: admin.id, decidedAt: issuedAt },
    });
    const serials: string[] = [];
    for (const line of lines) {
      serials.push(
        (
          await issueCertification(
            tx,
            { personId: line.personId, certificationTypeId: bmnnId, source: "IN_PERSON", trainingAttendanceId: line.id },
            admin.id,
            issuedAt,
          )
        ).serial,
      );
    }
    await appendAudit(
      tx,
      {
        actorId: admin.id,
        action: "training.confirm",
        unitId: admin.unitId,
        targetType: "training_session",
        targetId: session.id,
        data: { type: "BMNN", recordedBy: trainer.id, certified: serials },
      },
      issuedAt,
    );
    await recomputeObligations(
      tx,
      people.map((p) => p.id),
      issuedAt,
    );
  }
}
