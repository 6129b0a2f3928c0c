import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "~/domain/access/permissions.ts";
import { addDays, HOUR_MS, toDateColumn } from "~/domain/time/calendar.ts";
import { translate } from "~/i18n/index.ts";
import { agenciesWithoutCertified, coverageByUnit } from "~/services/dashboard/coverage.server.ts";
import { drillDown, drillDownAll, parseDrillParams, type DrillQuery } from "~/services/dashboard/drill-down.server.ts";
import ExcelJS from "exceljs";
import { exportTable, exportText } from "~/services/dashboard/export.server.ts";
import { writeWorkbook, XLSX_DATE_FORMAT } from "~/utils/xlsx.server.ts";
import { certifiedHeadcount, expiriesByMonth } from "~/services/dashboard/months.server.ts";
import { unitFilter } from "~/services/dashboard/scope.server.ts";
import { obligationTotals, typeSummaries } from "~/services/dashboard/summaries.server.ts";
import { unitChoices } from "~/services/units.server.ts";
import { createRule } from "~/services/obligations/requirements.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";

// The clock of every query: 12:00 on 28/11/2026, Vietnam time.
const NOW = new Date("2026-11-28T05:00:00Z");
const TODAY = "2026-11-28";
const uid = randomBytes(3).toString("hex");
let serial = 0;

/** A certification with exactly these dates, backed by a recorded training session (the evidence the schema requires). */
async function certify(personId: number, typeId: number, validFrom: string, validUntil: string, revokedAt: Date | null = null) {
  const db = getDb();
  const attendance = { id: (await confirmedSessionLine({ personId, certificationTypeId: typeId, heldOn: validFrom })).attendanceId };
  serial++;
  return db.certification.create({
    data: {
      serial: `DASH-${uid}-${serial}`,
      verificationCode: `dash${uid}${serial}`,
      personId,
      certificationTypeId: typeId,
      source: "IN_PERSON",
      issuedAt: new Date(`${validFrom}T03:00:00Z`),
      validFrom: toDateColumn(validFrom),
      validUntil: toDateColumn(validUntil),
      trainingAttendanceId: attendance.id,
      revokedAt,
      revokeReason: revokedAt ? "Vi phạm quy trình (thử)" : null,
    },
  });
}

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const db = getDb();
  const clerk = await db.certificationType.create({ data: { code: "KT1-VAN-THU", name: "Văn thư KT1 (thử)", renewalWindowDays: 90 } });
  const postal = await db.certificationType.create({ data: { code: `KT1-BD-${uid}`, name: "Bưu điện KT1 (thử)", renewalWindowDays: 90 } });
  const exam = await db.exam.create({ data: { certificationTypeId: clerk.id, title: "Sát hạch văn thư (thử)", topics: { chung: 1 } } });
  // Clerks must hold the clerks' type within 30 days, counter clerks the postal type within 60,
  // both rules in force since 01/01/2025 (so people who held the position before are long past due).
  const position = async (code: string) => (await db.position.findUniqueOrThrow({ where: { code } })).id;
  for (const [positionId, certificationTypeId, dueWithinDays] of [
    [await position("VAN_THU"), clerk.id, 30],
    [await position("GDV_KT1"), postal.id, 60],
  ]) {
    const rule = await createRule(
      { unitKind: null, positionId, secretAccess: false, certificationTypeId, dueWithinDays, gatesKt1Duty: false },
      null,
      NOW,
      "2025-01-01",
    );
    if (!rule.ok) throw new Error(rule.code);
  }

  const province = await makeUnit({ kind: "PROVINCE", name: "Tỉnh thử" });
  const a1 = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan A1" });
  const a2 = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan A2" });
  const police = await makeUnit({ parentId: province.id, kind: "POLICE", name: "Công an thử" });
  const dept = await makeUnit({ parentId: province.id, kind: "DEPARTMENT", name: "Sở thử" });
  const subAgency = await makeUnit({ parentId: dept.id, kind: "AGENCY", name: "Chi cục thuộc Sở thử" });
  const postOffice = await makeUnit({ parentId: province.id, kind: "POST_OFFICE", name: "Bưu điện thử" });
  const station = await makeUnit({ parentId: postOffice.id, kind: "STATION", name: "Bưu cục KT1 thử" });

  type Opts = { status?: "ACTIVE" | "LEFT"; positionCode?: string; positionSince?: string };
  const person = (unitId: number, fullName: string, o: Opts = {}) =>
    makePerson({ unitId, fullName, withAccount: false, positionCode: "VAN_THU", ...o });

  // The station: clerks, one per case of the clerks' type; two counter clerks, required only the postal type.
  const s = {
    valid: await person(station.id, "Trần Văn Bền"),
    in30: await person(station.id, "Lê Thị Ba Mươi"),
    in31: await person(station.id, "Phạm Văn Ba Mốt"),
    endsToday: await person(station.id, "Đỗ Thị Hôm Nay"),
    expired: await person(station.id, "Nguyễn Văn Hôm Qua"),
    revoked: await person(station.id, "Hoàng Thị Thu Hồi"),
    never: await person(station.id, "Nguyễn Văn An"),
    renewed: await person(station.id, "Vũ Đức Gia Hạn"),
    left: await person(station.id, "Ngô Văn Đã Nghỉ", { status: "LEFT" }),
    newClerk: await person(station.id, "Đào Thị Mới Nhận", { positionSince: addDays(TODAY, -10) }), // due in 20 days
    counter: await person(station.id, "Quách Văn Quầy", { positionCode: "GDV_KT1", positionSince: addDays(TODAY, -10) }), // due in 50 days
    counterOk: await person(station.id, "Tôn Thị Đủ", { positionCode: "GDV_KT1" }),
  };
  await certify(s.valid.id, clerk.id, "2026-03-01", addDays(TODAY, 200));
  await certify(s.in30.id, clerk.id, "2025-06-01", addDays(TODAY, 30));
  await certify(s.in31.id, clerk.id, "2025-06-01", addDays(TODAY, 31));
  await certify(s.endsToday.id, clerk.id, "2025-06-01", TODAY);
  await certify(s.expired.id, clerk.id, "2025-06-01", addDays(TODAY, -1));
  await certify(s.revoked.id, clerk.id, "2025-06-01", addDays(TODAY, 300), new Date(NOW.getTime() - HOUR_MS));
  // Renewed early: the old one ends in 10 days, the new one starts the day after.
  await certify(s.renewed.id, clerk.id, "2025-06-01", addDays(TODAY, 10));
  await certify(s.renewed.id, clerk.id, addDays(TODAY, 11), addDays(TODAY, 740));
  await certify(s.left.id, clerk.id, "2025-06-01", addDays(TODAY, 100));
  await certify(s.counterOk.id, postal.id, "2026-01-05", addDays(TODAY, 400));
  // Two exams for in30: a failed one, then the pass.
  for (const [at, passed] of [
    ["2026-10-01T02:00:00Z", false],
    ["2026-10-20T02:00:00Z", true],
  ] as const) {
    await db.examAttempt.create({
      data: {
        examId: exam.id,
        personId: s.in30.id,
        startedAt: new Date(at),
        deadlineAt: new Date(at),
        status: "SUBMITTED",
        submittedAt: new Date(at),
        passed,
      },
    });
  }

  // Sending agencies.
  const a1Clerk = await person(a1.id, "Mai Thị Văn Thư");
  await certify(a1Clerk.id, clerk.id, "2026-01-05", addDays(TODAY, 400));
  const a2Postal = await person(a2.id, "Lý Văn Khác Loại", { positionCode: "CHUYEN_VIEN" });
  await certify(a2Postal.id, postal.id, "2026-01-05", addDays(TODAY, 400)); // another type: does not cover
  const a2Lapsed = await person(a2.id, "Lý Thị Hết Hạn");
  await certify(a2Lapsed.id, clerk.id, "2024-01-05", "2026-01-04");
  const policeLeft = await person(police.id, "Công Văn Đã Nghỉ", { status: "LEFT" }); // left: does not cover
  await certify(policeLeft.id, clerk.id, "2026-01-05", addDays(TODAY, 400));
  await person(police.id, "Công Thị Không Bắt Buộc", { positionCode: "CHUYEN_VIEN" }); // active, required nothing
  const subClerk = await person(subAgency.id, "Chu Thị Chi Cục");
  await certify(subClerk.id, clerk.id, "2026-01-05", addDays(TODAY, 400));
  await person(dept.id, "Sở Văn Chưa Học", { positionCode: "CHUYEN_VIEN" }); // the department's own staff: nobody certified

  return { clerk, postal, exam, province, a1, a2, police, dept, subAgency, postOffice, station, s };
}

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const filter = (unitId: number | null = null, scope = [w.province.id]) => ({ scope, unitId, now: NOW });
const drill = (q: Partial<DrillQuery>): DrillQuery => ({
  ...filter(w.station.id),
  typeId: w.clerk.id,
  status: null,
  q: "",
  page: 1,
  pageSize: 50,
  ...q,
});
const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName).sort();
const namesOf = (...people: { fullName: string }[]) => names(people);

describe("certification dashboard", () => {
  it("counts each type against the people obligated for it, at the exact day boundaries", async () => {
    const summaries = await typeSummaries(filter(w.station.id));
    const clerk = summaries.find((x) => x.id === w.clerk.id)!;
    // Nine active clerks (the one who left is not counted); the counter clerks are not required the clerks' type.
    expect(clerk).toMatchObject({
      obligated: 9,
      compliant: 5, // valid, in30, in31, endsToday, renewed
      percent: 55.6,
      expiring: 3, // in30, in31, endsToday: inside the 90-day renewal window; the early renewal is not
      due: 1, // the new clerk, due in 20 days
      dueSoon: 3, // the new clerk, and the two ending within 30 days (exactly 30 counts; 31 does not)
      overdue: 1, // never held one, past the due date
      expired: 1, // ended yesterday
      revoked: 1,
      late: 3,
    });
    expect(clerk.compliant + clerk.due + clerk.late).toBe(clerk.obligated);
    expect(summaries.find((x) => x.id === w.postal.id)).toMatchObject({
      obligated: 2,
      compliant: 1,
      percent: 50,
      due: 1,
      dueSoon: 0,
      late: 0,
    });
    // Over all types, in people: 11 required something; 6 meet everything; 3 are late; 3 must act within 30 days.
    expect(await obligationTotals(filter(w.station.id))).toMatchObject({
      obligated: 11,
      compliant: 6,
      late: 3,
      dueSoon: 3,
      overdue: 1,
      expired: 1,
      revoked: 1,
    });
  });

  it("shows no rate (không áp dụng) where nobody is obligated, rather than 0 %", async () => {
    // At the first agency nobody is required the postal type; the police's one active person is required nothing.
    expect((await typeSummaries(filter(w.a1.id))).find((x) => x.id === w.postal.id)).toMatchObject({
      obligated: 0,
      compliant: 0,
      percent: null,
    });
    const postal = await coverageByUnit(filter(), w.postal.id);
    expect(postal.find((r) => r.id === w.a1.id)).toMatchObject({ obligated: 0, percent: null });
    expect((await coverageByUnit(filter(), null)).find((r) => r.id === w.police.id)).toMatchObject({
      obligated: 0,
      compliant: 0,
      percent: null,
    });
    // A2 has an obligated clerk who is not compliant: a real 0 %.
    expect((await coverageByUnit(filter(), w.clerk.id)).find((r) => r.id === w.a2.id)).toMatchObject({
      obligated: 1,
      compliant: 0,
      percent: 0,
    });
  });

  it("gives each person their obligation per type in the drill-down, with its due date and their last exam", async () => {
    const { rows, total } = await drillDown(drill({}));
    expect(total).toBe(11); // everyone active at the station, obligated or not
    const state = (id: number) => rows.find((r) => r.id === id)!.states[0];
    expect(state(w.s.valid.id)).toEqual({
      typeId: w.clerk.id,
      status: "COMPLIANT",
      dueOn: null,
      validUntil: addDays(TODAY, 200),
      certState: "VALID",
    });
    expect(state(w.s.in30.id)).toMatchObject({ status: "EXPIRING", dueOn: addDays(TODAY, 30) });
    expect(state(w.s.endsToday.id)).toMatchObject({ status: "EXPIRING", dueOn: TODAY, validUntil: TODAY });
    expect(state(w.s.expired.id)).toMatchObject({ status: "EXPIRED", dueOn: addDays(TODAY, -1), validUntil: addDays(TODAY, -1) });
    expect(state(w.s.revoked.id)).toMatchObject({ status: "REVOKED", dueOn: TODAY });
    expect(state(w.s.never.id)).toEqual({
      typeId: w.clerk.id,
      status: "OVERDUE",
      dueOn: "2025-01-31",
      validUntil: null,
      certState: "NEVER",
    });
    expect(state(w.s.newClerk.id)).toMatchObject({ status: "DUE", dueOn: addDays(TODAY, 20) });
    expect(state(w.s.renewed.id)).toMatchObject({ status: "COMPLIANT", validUntil: addDays(TODAY, 740) });
    expect(state(w.s.counter.id)).toMatchObject({ status: null, dueOn: null, certState: "NEVER" });
    const in30 = rows.find((r) => r.id === w.s.in30.id)!;
    expect(in30.lastAttempt).toEqual({ at: "2026-10-20T02:00:00.000Z", passed: true });
    expect(rows.find((r) => r.id === w.s.valid.id)!.lastAttempt).toBeNull();

    const all = await drillDown(drill({ typeId: null }));
    const counter = all.rows.find((r) => r.id === w.s.counter.id)!;
    expect(counter.states.map((x) => [x.typeId, x.status])).toEqual([
      [w.clerk.id, null],
      [w.postal.id, "DUE"],
    ]);
  });

  it("filters the drill-down by obligation status, and by the cards' groups", async () => {
    const by = async (status: DrillQuery["status"], typeId: number | null = w.clerk.id) =>
      names((await drillDown(drill({ status, typeId }))).rows);
    expect(await by("COMPLIANT")).toEqual(namesOf(w.s.valid, w.s.renewed));
    expect(await by("EXPIRING")).toEqual(namesOf(w.s.in30, w.s.in31, w.s.endsToday));
    expect(await by("DUE")).toEqual(namesOf(w.s.newClerk));
    expect(await by("OVERDUE")).toEqual(namesOf(w.s.never));
    expect(await by("EXPIRED")).toEqual(namesOf(w.s.expired));
    expect(await by("REVOKED")).toEqual(namesOf(w.s.revoked));
    expect(await by("LATE")).toEqual(namesOf(w.s.never, w.s.expired, w.s.revoked));
    expect(await by("SOON")).toEqual(namesOf(w.s.newClerk, w.s.in30, w.s.endsToday));
    // No type chosen: anyone with an obligation of any type in that status.
    expect(await by("DUE", null)).toEqual(namesOf(w.s.newClerk, w.s.counter));
    expect(await by("COMPLIANT", w.postal.id)).toEqual(namesOf(w.s.counterOk));
  });

  it("reads the status filter from the query string, ignoring an unknown one", async () => {
    const grants = [{ role: "ADMIN" as const, unitId: w.province.id }];
    const types = [w.clerk, w.postal].map(({ id, code, name }) => ({ id, code, name }));
    const parse = async (q: string) => {
      const r = await parseDrillParams(grants, new URLSearchParams(q), types);
      if (!r.ok) throw new Error(r.code);
      return r.value;
    };
    expect(await parse(`type=KT1-VAN-THU&status=OVERDUE`)).toMatchObject({
      status: "OVERDUE",
      search: { type: "KT1-VAN-THU", status: "OVERDUE" },
    });
    expect(await parse(`status=LATE`)).toMatchObject({ status: "LATE" });
    expect(await parse(`status=VALID`)).toMatchObject({ status: null, search: { status: "" } });
  });

  it("pages the drill-down, clamping a page past the end", async () => {
    const first = await drillDown(drill({ pageSize: 3 }));
    expect(first).toMatchObject({ total: 11, page: 1, pages: 4 });
    const last = await drillDown(drill({ pageSize: 3, page: 99 }));
    expect(last.page).toBe(4);
    expect(last.rows).toHaveLength(2);
    const everyone = await drillDownAll(drill({}));
    const middle = [...(await drillDown(drill({ pageSize: 3, page: 2 }))).rows, ...(await drillDown(drill({ pageSize: 3, page: 3 }))).rows];
    expect(everyone.map((r) => r.id)).toEqual([...first.rows, ...middle, ...last.rows].map((r) => r.id));
  });

  it("finds names with or without Vietnamese diacritics", async () => {
    for (const q of ["Nguyen Van An", "nguyễn văn an", "NGUYEN van", "nguyen an"]) {
      expect(names((await drillDown(drill({ q }))).rows), q).toContain("Nguyễn Văn An");
    }
    expect(names((await drillDown(drill({ q: "duc gia han" }))).rows)).toEqual(["Vũ Đức Gia Hạn"]);
    expect(names((await drillDown(drill({ q: "Đỗ thi hom nay" }))).rows)).toEqual(["Đỗ Thị Hôm Nay"]);
    expect((await drillDown(drill({ q: "khong ai ten nay" }))).total).toBe(0);
    expect((await drillDown(drill({ q: "100%_\\" }))).total).toBe(0);
  });

  it("lists the sending agencies where no active person holds a valid clerks' certification", async () => {
    const { sending, uncovered } = await agenciesWithoutCertified(filter(), w.clerk.id);
    expect(sending).toBe(5);
    // A1 has a certified clerk; the sub-agency's clerk covers the sub-agency, not the department above it;
    // another type, a lapsed certificate or a person who left cover nothing.
    expect(uncovered.map((a) => a.id).sort()).toEqual([w.a2.id, w.police.id, w.dept.id].sort());
    expect(uncovered.find((a) => a.id === w.police.id)).toMatchObject({ active: 1, parentName: "Tỉnh thử", kind: "POLICE" });
    expect(uncovered.find((a) => a.id === w.a2.id)).toMatchObject({ active: 2 });
    // Without a clerks' type, any valid certification counts (A2's postal one does).
    const anyType = await agenciesWithoutCertified(filter(), null);
    expect(anyType.uncovered.map((a) => a.id).sort()).toEqual([w.police.id, w.dept.id].sort());
    // Narrowed to a unit: only the agencies under it.
    expect((await agenciesWithoutCertified(filter(w.dept.id), w.clerk.id)).uncovered.map((a) => a.id)).toEqual([w.dept.id]);
    expect(await agenciesWithoutCertified(filter(w.postOffice.id), w.clerk.id)).toEqual({ sending: 0, uncovered: [] });
  });

  it("computes compliance per unit over subtrees, for one type or every obligation", async () => {
    const rows = await coverageByUnit(filter(), w.clerk.id);
    const row = (id: number) => rows.find((r) => r.id === id)!;
    expect(rows[0]).toMatchObject({ id: w.province.id, depth: 0 });
    expect(row(w.postOffice.id)).toMatchObject({ obligated: 9, compliant: 5, depth: 1, deeper: true });
    expect(rows.find((r) => r.id === w.station.id)).toBeUndefined(); // one level below the view
    const office = await coverageByUnit(filter(w.postOffice.id), w.clerk.id);
    expect(office.find((r) => r.id === w.station.id)).toMatchObject({ obligated: 9, compliant: 5, percent: 55.6, depth: 1, deeper: false });
    expect(row(w.a1.id)).toMatchObject({ obligated: 1, compliant: 1, percent: 100 });
    expect(row(w.a2.id)).toMatchObject({ obligated: 1, compliant: 0, percent: 0 }); // the specialist is not required it
    expect(row(w.police.id)).toMatchObject({ obligated: 0, compliant: 0, percent: null });
    expect(row(w.dept.id)).toMatchObject({ obligated: 1, compliant: 1 }); // its sub-agency included
    expect(row(w.province.id)).toMatchObject({ obligated: 12, compliant: 7 });
    // Every obligation: the station's counter clerks count for the postal type; a person counts once.
    const any = await coverageByUnit(filter(w.postOffice.id), null);
    expect(any.find((r) => r.id === w.station.id)).toMatchObject({ obligated: 11, compliant: 6 });
    expect((await coverageByUnit(filter(), null)).find((r) => r.id === w.a2.id)).toMatchObject({ obligated: 1, compliant: 0 });
    const narrowed = await coverageByUnit(filter(w.dept.id), w.clerk.id);
    expect(narrowed.map((r) => [r.id, r.depth])).toEqual([
      [w.dept.id, 0],
      [w.subAgency.id, 1],
    ]);
  });

  it("counts expiries per month ahead and certified people at each month end behind", async () => {
    const expiries = await expiriesByMonth(filter(w.station.id), w.clerk.id);
    expect(expiries).toHaveLength(12);
    expect(expiries[0]).toEqual({ month: "2026-11", total: 1, byType: { "KT1-VAN-THU": 1 } }); // ends today
    expect(expiries[1]).toMatchObject({ month: "2026-12", total: 2 }); // 30 and 31 days; not the renewed one's old end
    expect(expiries.find((m) => m.month === "2027-06")).toMatchObject({ total: 1 });
    expect(expiries.at(-1)!.month).toBe("2027-10");
    expect(expiries.reduce((sum, m) => sum + m.total, 0)).toBe(4);

    const headcount = await certifiedHeadcount(filter(w.station.id), w.clerk.id);
    expect(headcount).toHaveLength(12);
    expect(headcount[0]).toEqual({ month: "2025-12", day: "2025-12-31", count: 6 });
    expect(headcount.find((h) => h.month === "2026-03")).toMatchObject({ count: 7 }); // "valid" starts 01/03
    // 31/10: the revoked one still counted (revoked today), the expired one too (ended yesterday).
    expect(headcount.find((h) => h.month === "2026-10")).toMatchObject({ day: "2026-10-31", count: 7 });
    expect(headcount.at(-1)).toEqual({ month: "2026-11", day: TODAY, count: 5 });
  });

  it("offers the top of the scope and the level below in the unit picker, opening out along a chosen unit", async () => {
    const ids = async (selected: number | null) => (await unitChoices([w.province.id], selected)).map((u) => u.id);
    const top = await ids(null);
    expect(top).toEqual(expect.arrayContaining([w.province.id, w.a1.id, w.dept.id, w.postOffice.id]));
    expect(top).not.toContain(w.subAgency.id);
    expect(top).not.toContain(w.station.id);
    expect(await ids(w.dept.id)).toContain(w.subAgency.id); // its children
    expect(await ids(w.station.id)).toContain(w.station.id); // the chosen one itself, with its path
    expect((await unitChoices([w.postOffice.id], null)).map((u) => [u.id, u.depth])).toEqual([
      [w.postOffice.id, 0],
      [w.station.id, 1],
    ]);
  });

  it("keeps a manager inside their subtree", async () => {
    const grants = [{ role: "MANAGER" as const, unitId: w.postOffice.id }];
    const scope = scopeOf(grants, "people:read");
    const everyone = await drillDownAll({ ...drill({ typeId: null }), scope, unitId: null });
    expect(everyone).toHaveLength(11);
    const inside = new Set(
      (await getDb().person.findMany({ where: { unitId: w.station.id, status: "ACTIVE" }, select: { id: true } })).map((p) => p.id),
    );
    expect(everyone.every((r) => inside.has(r.id))).toBe(true);
    expect((await drillDown({ ...drill({ typeId: null, q: "Mai Thị Văn Thư" }), scope, unitId: null })).total).toBe(0);
    expect((await typeSummaries({ scope, unitId: null, now: NOW })).map((x) => x.obligated)).toEqual([9, 2]);
    expect((await coverageByUnit({ scope, unitId: null, now: NOW }, null)).map((r) => r.id)).toEqual([w.postOffice.id, w.station.id]);
    expect((await agenciesWithoutCertified({ scope, unitId: null, now: NOW }, w.clerk.id)).sending).toBe(0);
    // A unit outside the subtree is refused; an unknown one is not found.
    expect(await unitFilter(grants, String(w.a1.id))).toEqual({ ok: false, code: "FORBIDDEN" });
    expect(await unitFilter(grants, "999999")).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await unitFilter(grants, "abc")).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await unitFilter(grants, String(w.station.id))).toEqual({ ok: true, value: w.station.id });
  });

  it("exports the same rows with Vietnamese headers, each type's obligation status and due date", async () => {
    const rows = await drillDownAll(drill({}));
    const { header, body } = exportTable((k, p) => translate("vi", k, p), [w.clerk], rows);
    expect(header).toEqual([
      "Mã nhân viên",
      "Họ và tên",
      "Đơn vị",
      "Chức vụ",
      "Văn thư KT1 (thử): trạng thái",
      "Văn thư KT1 (thử): hạn",
      "Văn thư KT1 (thử): hiệu lực đến",
      "Lần thi gần nhất",
      "Kết quả lần thi gần nhất",
    ]);
    expect(body.map((r) => r[1])).toEqual(rows.map((r) => r.fullName));
    const row = (name: string) =>
      body
        .find((r) => r[1] === name)!
        .slice(4)
        .map(exportText);
    expect(row("Lê Thị Ba Mươi")).toEqual(["Sắp hết hạn", "28/12/2026", "28/12/2026", "20/10/2026", "Đạt"]);
    expect(row("Đào Thị Mới Nhận")).toEqual(["Cần hoàn thành", "18/12/2026", "", "", ""]);
    expect(row("Nguyễn Văn An")).toEqual(["Quá hạn", "31/01/2025", "", "", ""]);
    expect(row("Hoàng Thị Thu Hồi")).toEqual(["Đã bị thu hồi", "28/11/2026", "24/09/2027", "", ""]);
    expect(row("Trần Văn Bền")).toEqual(["Đạt", "", "16/06/2027", "", ""]);
    expect(row("Quách Văn Quầy")).toEqual(["Không bắt buộc", "", "", "", ""]);

    // The workbook holds the same dates as real date cells shown dd/mm/yyyy, not as text.
    const bytes = await writeWorkbook({ sheetName: "Chứng nhận", creator: "KT1", created: new Date(), header, body });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.worksheets[0];
    let found = 0;
    sheet.eachRow((r, i) => {
      if (i === 1 || r.getCell(2).value !== "Lê Thị Ba Mươi") return;
      found++;
      for (const [col, iso] of [
        [6, "2026-12-28"],
        [7, "2026-12-28"],
        [8, "2026-10-20"],
      ] as const) {
        const cell = r.getCell(col);
        expect(cell.value, `column ${col}`).toBeInstanceOf(Date);
        expect((cell.value as Date).toISOString()).toBe(`${iso}T00:00:00.000Z`);
        expect(cell.numFmt).toBe(XLSX_DATE_FORMAT);
      }
      expect(r.getCell(5).value).toBe("Sắp hết hạn");
      expect(r.getCell(9).value).toBe("Đạt");
    });
    expect(found).toBe(1);
  });
});
