// The demo KT1 duty roster: duty types, one station per STATION unit, three
// weeks of shifts (last week, this week and the next), certifications from
// recorded in-person training sessions, and assignments made through the same
// service the pages use — so every row obeys the rule the database enforces.
//
// Bưu cục KT1 Hạc Thành is staffed so that every refusal reason can be seen:
//   TH0034, TH0035, TH0036  certified, eligible
//   TH0037  trained only three days ago: eligible now, "not yet valid" last week
//   TH0038  certificate from June 2023, expired
//   TH0039  joined in August 2026, uncertified, no commitment on file
//   TH0040  left, although certified
//   TH0041  certificate revoked (his assignments were cancelled with it)
//   TH0069  certified, but no commitment on file          (added here)
//   TH0070  certified, but started under six months ago     (added here)
//   and anyone already on an overlapping shift.
// TH0006 (the postal learner demo account) is deliberately left uncertified:
// the exam journey starts from an empty certificate list.
import { addDays, dayOf, HOUR_MS, toDateColumn, type Day } from "~/domain/time/calendar.ts";
import { atVietnamTime, shiftTimes, weekdayOf } from "~/domain/roster/week.ts";
import { appendAudit, auditedTransaction } from "~/services/audit.server.ts";
import { recordPaperCommitment } from "~/services/commitment.server.ts";
import { issueCertification, lockCertificationForChange, revokeCertification } from "~/services/exams/certifications.server.ts";
import { createPerson } from "~/services/people.server.ts";
import { assignToShift, type Requester } from "~/services/roster/assignments.server.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { LEGACY_NOTE } from "./commitment-text.ts";

const ROSTER_CERTIFICATION = "KT1-BUU-DIEN";

const DEMO_DUTY_TYPES = [
  { code: "KT1-CHAP-NHAN", name: "Chấp nhận bưu gửi KT1", minExperienceMonths: 6 },
  { code: "KT1-KHAI-THAC", name: "Khai thác, chia chọn KT1", minExperienceMonths: 6 },
  { code: "KT1-VAN-CHUYEN", name: "Vận chuyển KT1", minExperienceMonths: 6 },
  { code: "KT1-PHAT", name: "Phát bưu gửi KT1", minExperienceMonths: 6 },
  { code: "KT1-AP-TAI", name: "Áp tải bưu gửi KT1", minExperienceMonths: 12 },
  { code: "KT1-AP-TAI-A", name: "Áp tải bưu gửi KT1 loại A (hai người)", minExperienceMonths: 12 },
] as const;
type DutyCode = (typeof DEMO_DUTY_TYPES)[number]["code"];

/** The two-person duty (decision 064): two people, one of them head of unit or with ten years of work. */
const PAIR_DUTY: DutyCode = "KT1-AP-TAI-A";
const PAIR_SENIOR = { positionCode: "LANH_DAO", months: 120 };
const PAIR_DAYS = [1, 3, 5];

/**
 * The daily pattern of every station (Vietnam time); `days` limits a shift to
 * some weekdays (1 = Monday), `demoOnly` to the demo station.
 */
const DEMO_SHIFT_PATTERN: { duty: DutyCode; start: string; end: string; headcount: number; days?: number[]; demoOnly?: true }[] = [
  { duty: "KT1-CHAP-NHAN", start: "07:00", end: "11:30", headcount: 2 },
  { duty: "KT1-PHAT", start: "08:00", end: "12:00", headcount: 1 },
  { duty: "KT1-KHAI-THAC", start: "13:00", end: "17:00", headcount: 2 },
  { duty: "KT1-VAN-CHUYEN", start: "14:00", end: "18:00", headcount: 1, days: [1, 3, 5] },
  { duty: "KT1-AP-TAI", start: "20:00", end: "04:00", headcount: 2, days: [2, 5] },
  { duty: "KT1-AP-TAI-A", start: "04:30", end: "06:30", headcount: 2, days: PAIR_DAYS, demoOnly: true },
];

export const DEMO_STATION = "TH-BD-HACTHANH-KT1";

/** People added for the demo at Hạc Thành (see the header). */
const EXTRA_PEOPLE = [
  {
    employeeCode: "TH0069",
    fullName: "Nguyễn Thị Bích Phượng",
    positionCode: "GDV_KT1",
    workStartedOn: "2018-03-12",
    phone: "0915207364",
    email: "phuong.nguyen@kt1.test",
  },
  {
    employeeCode: "TH0070",
    fullName: "Lê Văn Khánh",
    positionCode: "KHAI_THAC_KT1",
    workStartedOn: null,
    phone: "0388615042",
    email: "khanh.le@kt1.test",
  },
] as const;

// Who was trained when. The main session's certificates run to 09/06/2027.
const MAIN_SESSION = { heldOn: "2025-06-10", place: "Bưu điện tỉnh Thanh Hóa", passPercent: 70 };
const OLD_SESSION = { heldOn: "2023-06-12", place: "Bưu điện tỉnh Thanh Hóa", passPercent: 70 };
const MAIN_ATTENDEES: [string, number][] = [
  ["TH0031", 92],
  ["TH0034", 95],
  ["TH0035", 88],
  ["TH0036", 84],
  ["TH0040", 79],
  ["TH0041", 81],
  ["TH0069", 86],
  ["TH0044", 90],
  ["TH0045", 87],
  ["TH0046", 78],
  ["TH0047", 83],
  ["TH0048", 75],
  ["TH0050", 91],
  ["TH0053", 94],
  ["TH0054", 89],
  ["TH0055", 76],
  ["TH0056", 85],
  ["TH0057", 80],
  ["TH0058", 72],
  ["TH0062", 93],
  ["TH0063", 88],
  ["TH0064", 82],
  ["TH0065", 79],
  ["TH0066", 74],
  ["TH0067", 86],
];
const OLD_ATTENDEES: [string, number][] = [["TH0038", 84]];
// The newcomers' session, three days before the seed runs.
const RECENT_ATTENDEES: [string, number][] = [
  ["TH0037", 90],
  ["TH0070", 82],
  ["TH0049", 77],
  ["TH0059", 85],
  ["TH0068", 80],
];

/** Eligible crews per station, in rotation order; `from` is the first day someone may be rostered (else any day). */
const CREWS: Record<string, { code: string; fromToday?: boolean }[]> = {
  "TH-BD-HACTHANH-KT1": [{ code: "TH0034" }, { code: "TH0035" }, { code: "TH0036" }, { code: "TH0037", fromToday: true }],
  "TH-BD-SAMSON-KT1": [{ code: "TH0044" }, { code: "TH0045" }, { code: "TH0046" }, { code: "TH0047" }, { code: "TH0050" }],
  "TH-BD-THOXUAN-KT1": [{ code: "TH0053" }, { code: "TH0054" }, { code: "TH0055" }, { code: "TH0056" }, { code: "TH0057" }],
  "TH-BD-BIMSON-KT1": [
    { code: "TH0062" },
    { code: "TH0063" },
    { code: "TH0064" },
    { code: "TH0065" },
    { code: "TH0066" },
    { code: "TH0067" },
  ],
};

const at9 = (day: Day) => atVietnamTime(day, "09:00");

/** Seeds the demo roster once: does nothing when duty types exist or the KT1 certification type is missing. */
export async function seedRosterIfEmpty(now: Date) {
  const db = getDb();
  if ((await db.dutyType.count()) > 0) return null;
  const certType = await db.certificationType.findUnique({ where: { code: ROSTER_CERTIFICATION }, select: { id: true } });
  if (!certType) return null;
  return seedRoster(now, certType.id);
}

async function seedRoster(now: Date, certTypeId: number) {
  const db = getDb();
  const today = dayOf(now);
  const firstDay = addDays(today, -7);
  const days = Array.from({ length: 21 }, (_, i) => addDays(firstDay, i)); // last week … 13 days ahead

  const base = await auditedTransaction(
    async (tx) => {
      const dutyTypes = new Map<string, number>();
      const lead = await tx.position.findUnique({ where: { code: PAIR_SENIOR.positionCode }, select: { id: true } });
      for (const d of DEMO_DUTY_TYPES) {
        const pair = d.code === PAIR_DUTY;
        const row = await tx.dutyType.create({
          data: {
            code: d.code,
            name: d.name,
            minExperienceMonths: d.minExperienceMonths,
            requiresCommitment: true,
            requiresPair: pair,
            pairSeniorPositionId: pair ? (lead?.id ?? null) : null,
            pairSeniorMonths: pair ? PAIR_SENIOR.months : null,
            requiredCertifications: { create: { certificationTypeId: certTypeId } },
          },
        });
        dutyTypes.set(d.code, row.id);
      }
      const units = await tx.unit.findMany({
        where: { kind: "STATION" },
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true },
      });
      const stations = new Map<string, { id: number; unitId: number }>();
      for (const u of units) {
        const s = await tx.station.create({ data: { code: u.code, name: u.name, unitId: u.id } });
        stations.set(u.code, { id: s.id, unitId: u.id });
      }
      await appendAudit(
        tx,
        {
          actorId: null,
          action: "roster.seed",
          data: { dutyTypes: DEMO_DUTY_TYPES.map((d) => d.code), stations: units.map((u) => u.code) },
        },
        now,
      );

      // The demo part needs the demo people (the Thanh Hóa seed).
      // (Found by their demo e-mail addresses, never by employee code alone.)
      const demo = await tx.person.findMany({
        where: { email: { in: ["trainer@kt1.test", "manager@kt1.test", "admin@kt1.test"] } },
        select: { id: true, email: true, unitId: true },
      });
      const trainer = demo.find((p) => p.email === "trainer@kt1.test");
      const manager = demo.find((p) => p.email === "manager@kt1.test");
      const admin = demo.find((p) => p.email === "admin@kt1.test");
      const station = stations.get(DEMO_STATION);
      if (!trainer || !manager || !admin || !station) return null;

      for (const extra of EXTRA_PEOPLE) {
        // TH0070 started about four months before the seed runs.
        const started = extra.workStartedOn ?? addDays(today, -120);
        await createPerson(
          tx,
          {
            employeeCode: extra.employeeCode,
            fullName: extra.fullName,
            unitId: station.unitId,
            positionId: (await tx.position.findUniqueOrThrow({ where: { code: extra.positionCode }, select: { id: true } })).id,
            positionSince: toDateColumn(started),
            workStartedOn: toDateColumn(started),
            email: extra.email,
            phone: extra.phone,
          },
          null,
          now,
        );
      }

      const people = new Map(
        (await tx.person.findMany({ select: { id: true, employeeCode: true, unitId: true } })).map((p) => [p.employeeCode, p]),
      );
      const certs = new Map<string, number>();
      // Recorded by the trainer, confirmed by the admin: the two-person rule
      // (decision 029) holds for the seed as for the pages. These sessions keep
      // the pass mark they were recorded with (70%), older than the exam's.
      const session = async (s: { heldOn: Day; place: string; passPercent: number }, attendees: [string, number][]) => {
        const present = attendees.filter(([code]) => people.has(code));
        if (present.length === 0) return;
        const row = await tx.trainingSession.create({
          data: {
            certificationTypeId: certTypeId,
            heldOn: toDateColumn(s.heldOn),
            place: s.place,
            trainerId: trainer.id,
            passPercent: s.passPercent,
          },
        });
        const recordedAt = at9(s.heldOn);
        const issuedAt = new Date(recordedAt.getTime() + 2 * HOUR_MS);
        const lines: { code: string; attendanceId: number; personId: number; score: number }[] = [];
        for (const [code, score] of present) {
          const personId = people.get(code)!.id;
          const attendance = await tx.trainingAttendance.create({
            data: { sessionId: row.id, personId, attended: true, paperScore: score },
          });
          lines.push({ code, attendanceId: attendance.id, personId, score });
        }
        const passed = lines.filter((l) => l.score >= s.passPercent);
        await appendAudit(
          tx,
          {
            actorId: trainer.id,
            action: "training.record",
            unitId: trainer.unitId,
            targetType: "training_session",
            targetId: row.id,
            data: {
              type: ROSTER_CERTIFICATION,
              heldOn: s.heldOn,
              place: s.place,
              passPercent: s.passPercent,
              listed: present.length,
              toCertify: passed.map((l) => l.code),
            },
          },
          recordedAt,
        );
        await tx.trainingSession.update({
          where: { id: row.id },
          data: { status: "CONFIRMED", decidedById: admin.id, decidedAt: issuedAt },
        });
        const serials: string[] = [];
        for (const l of passed) {
          const cert = await issueCertification(
            tx,
            { personId: l.personId, certificationTypeId: certTypeId, source: "IN_PERSON", trainingAttendanceId: l.attendanceId },
            admin.id,
            issuedAt,
          );
          certs.set(l.code, cert.id);
          serials.push(cert.serial);
        }
        await appendAudit(
          tx,
          {
            actorId: admin.id,
            action: "training.confirm",
            unitId: admin.unitId,
            targetType: "training_session",
            targetId: row.id,
            data: {
              type: ROSTER_CERTIFICATION,
              recordedBy: trainer.id,
              passPercent: s.passPercent,
              listed: present.length,
              certified: serials,
            },
          },
          issuedAt,
        );
      };
      await session(OLD_SESSION, OLD_ATTENDEES);
      await session(MAIN_SESSION, MAIN_ATTENDEES);
      await session(
        { heldOn: addDays(today, -3), place: "Bưu điện tỉnh Thanh Hóa (lớp nhân viên mới)", passPercent: 70 },
        RECENT_ATTENDEES,
      );

      // Three weeks of shifts at every station.
      const shifts: {
        stationId: number;
        dutyTypeId: number;
        startsAt: Date;
        endsAt: Date;
        headcount: number;
        createdById: number;
        createdAt: Date;
      }[] = [];
      for (const [code, s] of stations) {
        for (const day of days) {
          for (const p of DEMO_SHIFT_PATTERN) {
            if (p.days && !p.days.includes(weekdayOf(day))) continue;
            if (p.demoOnly && code !== DEMO_STATION) continue;
            const { startsAt, endsAt } = shiftTimes(day, p.start, p.end);
            shifts.push({
              stationId: s.id,
              dutyTypeId: dutyTypes.get(p.duty)!,
              startsAt,
              endsAt,
              headcount: p.headcount,
              createdById: manager.id,
              createdAt: now,
            });
          }
        }
      }
      await tx.shift.createMany({ data: shifts });
      return { managerId: manager.id, stations, dutyTypes, people, revokeId: certs.get("TH0041") ?? null };
    },
    { timeout: 60_000 },
  );
  if (!base) return { demo: false };

  // TH0070 signed the commitment on paper the day he started (TH0069 has not signed).
  const khanh = base.people.get("TH0070");
  if (khanh) {
    const signed = await recordPaperCommitment(
      { personId: khanh.id, signedOn: addDays(today, -120), source: { note: LEGACY_NOTE } },
      null,
      now,
    );
    if (!signed.ok) throw new Error(`demo roster: commitment of TH0070 (${signed.code})`);
  }

  // Assignments, through the service (each its own transaction, audited).
  const by: Requester = { personId: base.managerId, apiTokenId: null, path: "PAGE" };
  const allShifts = await db.shift.findMany({
    orderBy: { startsAt: "asc" },
    select: { id: true, stationId: true, dutyTypeId: true, startsAt: true },
  });
  const codeOfDuty = new Map([...base.dutyTypes].map(([code, id]) => [id, code]));
  let assigned = 0;
  await Promise.all(
    [...base.stations].map(async ([stationCode, station]) => {
      const crew = (CREWS[stationCode] ?? []).filter((c) => base.people.has(c.code));
      if (crew.length < 3) return;
      const short = stationCode === DEMO_STATION; // the demo station is short-staffed
      let pairShifts = 0;
      // The coming five days are planned (kept small: the seed must stay fast).
      for (const [i, day] of days.entries()) {
        if (day < today || day > addDays(today, 4)) continue;
        const onDay = crew.filter((c) => !c.fromToday || day >= today);
        const pick = (k: number) => base.people.get(onDay[(i + k) % onDay.length].code)!.id;
        const n = onDay.length;
        const pairDay = short && PAIR_DAYS.includes(weekdayOf(day));
        const pairPlan = !pairDay ? [] : pairShifts++ % 2 === 0 ? [pick(1), pick(2)] : [pick(3)];
        const plan: Partial<Record<DutyCode, number[]>> = {
          "KT1-CHAP-NHAN": short && i % 3 === 1 ? [pick(0)] : [pick(0), pick(1)],
          "KT1-PHAT": short && i % 4 === 2 ? [] : [pick(2)],
          "KT1-KHAI-THAC": short ? [pick(1)] : n >= 5 ? [pick(3), pick(4)] : [pick(0), pick(1)],
          "KT1-VAN-CHUYEN": [pick(2)],
          "KT1-AP-TAI": short ? [pick(0)] : [pick(3), pick(4 % n)],
          // Every other one has its pair (Hạc Thành's crew but TH0037 are senior); the rest wait for a second person.
          "KT1-AP-TAI-A": pairPlan,
        };
        const dayShifts = allShifts.filter((s) => s.stationId === station.id && dayOf(s.startsAt) === day);
        for (const s of dayShifts) {
          for (const personId of plan[codeOfDuty.get(s.dutyTypeId) as DutyCode] ?? []) {
            const result = await assignToShift(s.id, personId, by, now);
            if (!result.ok) throw new Error(`demo roster: assignment refused (${JSON.stringify(result)}) at ${stationCode} ${day}`);
            assigned++;
          }
        }
      }
    }),
  );

  // Nghĩa (TH0041) was on two shifts next week when his certificate was revoked.
  let cancelled = 0;
  if (base.revokeId) {
    const station = base.stations.get(DEMO_STATION)!;
    const nghia = base.people.get("TH0041")!.id;
    const targets = allShifts.filter(
      (s) =>
        s.stationId === station.id &&
        codeOfDuty.get(s.dutyTypeId) === "KT1-KHAI-THAC" &&
        [addDays(today, 2), addDays(today, 4)].includes(dayOf(s.startsAt)),
    );
    for (const s of targets) {
      const result = await assignToShift(s.id, nghia, by, now);
      if (!result.ok) throw new Error(`demo roster: could not assign TH0041 (${JSON.stringify(result)})`);
    }
    const revoked = await auditedTransaction(async (tx: Tx) => {
      await lockCertificationForChange(tx, base.revokeId!);
      return revokeCertification(tx, base.revokeId!, "Vi phạm quy định bảo quản bưu gửi KT1 (dữ liệu mẫu)", base.managerId, now);
    });
    cancelled = revoked.cancelledAssignmentIds.length;
  }
  return { demo: true, shifts: allShifts.length, assigned, cancelled };
}
