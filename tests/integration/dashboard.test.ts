import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "~/domain/access/permissions.ts";
import { addDays, HOUR_MS, toDateColumn } from "~/domain/time/calendar.ts";
import { translate } from "~/i18n/index.ts";
import { agenciesWithoutCertified, coverageByUnit } from "~/services/dashboard/coverage.server.ts";
import { drillDown, drillDownAll, type DrillQuery } from "~/services/dashboard/drill-down.server.ts";
import { exportTable } from "~/services/dashboard/export.server.ts";
import { certifiedHeadcount, expiriesByMonth } from "~/services/dashboard/months.server.ts";
import { unitFilter } from "~/services/dashboard/scope.server.ts";
import { typeSummaries } from "~/services/dashboard/summaries.server.ts";
import { unitChoices } from "~/services/units.server.ts";
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
  const clerk = await db.certificationType.create({ data: { code: "KT1-VAN-THU", name: "Văn thư KT1 (thử)" } });
  const postal = await db.certificationType.create({ data: { code: `KT1-BD-${uid}`, name: "Bưu điện KT1 (thử)" } });
  const exam = await db.exam.create({ data: { certificationTypeId: clerk.id, title: "Sát hạch văn thư (thử)", topics: { chung: 1 } } });

  const province = await makeUnit({ kind: "PROVINCE", name: "Tỉnh thử" });
  const a1 = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan A1" });
  const a2 = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan A2" });
  const police = await makeUnit({ parentId: province.id, kind: "POLICE", name: "Công an thử" });
  const dept = await makeUnit({ parentId: province.id, kind: "DEPARTMENT", name: "Sở thử" });
  const subAgency = await makeUnit({ parentId: dept.id, kind: "AGENCY", name: "Chi cục thuộc Sở thử" });
  const postOffice = await makeUnit({ parentId: province.id, kind: "POST_OFFICE", name: "Bưu điện thử" });
  const station = await makeUnit({ parentId: postOffice.id, kind: "STATION", name: "Bưu cục KT1 thử" });

  const person = (unitId: number, fullName: string, status: "ACTIVE" | "LEFT" = "ACTIVE") => makePerson({ unitId, fullName, status, withAccount: false });

  // The station: one person per case, all holding (or not) the clerks' type.
  const s = {
    valid: await person(station.id, "Trần Văn Bền"),
    in30: await person(station.id, "Lê Thị Ba Mươi"),
    in31: await person(station.id, "Phạm Văn Ba Mốt"),
    endsToday: await person(station.id, "Đỗ Thị Hôm Nay"),
    expired: await person(station.id, "Nguyễn Văn Hôm Qua"),
    revoked: await person(station.id, "Hoàng Thị Thu Hồi"),
    never: await person(station.id, "Nguyễn Văn An"),
    renewed: await person(station.id, "Vũ Đức Gia Hạn"),
    left: await person(station.id, "Ngô Văn Đã Nghỉ", "LEFT"),
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
  // Two exams for in30: a failed one, then the pass.
  for (const [at, passed] of [["2026-10-01T02:00:00Z", false], ["2026-10-20T02:00:00Z", true]] as const) {
    await db.examAttempt.create({
      data: { examId: exam.id, personId: s.in30.id, startedAt: new Date(at), deadlineAt: new Date(at), status: "SUBMITTED", submittedAt: new Date(at), passed },
    });
  }

  // Sending agencies.
  const a1Clerk = await person(a1.id, "Mai Thị Văn Thư");
  await certify(a1Clerk.id, clerk.id, "2026-01-05", addDays(TODAY, 400));
  const a2Postal = await person(a2.id, "Lý Văn Khác Loại");
  await certify(a2Postal.id, postal.id, "2026-01-05", addDays(TODAY, 400)); // another type: does not cover
  const a2Lapsed = await person(a2.id, "Lý Thị Hết Hạn");
  await certify(a2Lapsed.id, clerk.id, "2024-01-05", "2026-01-04");
  const policeLeft = await person(police.id, "Công Văn Đã Nghỉ", "LEFT"); // left: does not cover
  await certify(policeLeft.id, clerk.id, "2026-01-05", addDays(TODAY, 400));
  const subClerk = await person(subAgency.id, "Chu Thị Chi Cục");
  await certify(subClerk.id, clerk.id, "2026-01-05", addDays(TODAY, 400));
  await person(dept.id, "Sở Văn Chưa Học"); // the department's own staff: nobody certified

  return { clerk, postal, exam, province, a1, a2, police, dept, subAgency, postOffice, station, s };
}

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const filter = (unitId: number | null = null, scope = [w.province.id]) => ({ scope, unitId, now: NOW });
const drill = (q: Partial<DrillQuery>): DrillQuery => ({ ...filter(w.station.id), typeId: w.clerk.id, state: null, days: 90, q: "", page: 1, pageSize: 50, ...q });
const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName).sort();

describe("certification dashboard", () => {
  it("counts each active person once per type, at the exact day boundaries", async () => {
    const summaries = await typeSummaries(filter(w.station.id));
    const clerk = summaries.find((x) => x.id === w.clerk.id)!;
    expect(clerk).toMatchObject({
      active: 8, // the person who left is not counted
      valid: 5, // valid, in30, in31, endsToday, renewed
      within: { 30: 2, 60: 3, 90: 3 }, // exactly 30 days and "ends today" count in 30; 31 days in 60; the early renewal in none
      expired: 1, // ended yesterday
      revoked: 1,
      never: 1,
    });
    expect(clerk.valid + clerk.expired + clerk.revoked + clerk.never).toBe(clerk.active);
    const postal = summaries.find((x) => x.id === w.postal.id)!;
    expect(postal).toMatchObject({ active: 8, valid: 0, never: 8 });
  });

  it("gives each person their state per type in the drill-down, with their last exam", async () => {
    const { rows, total } = await drillDown(drill({}));
    expect(total).toBe(8);
    const state = (id: number) => rows.find((r) => r.id === id)!.states[0];
    expect(state(w.s.valid.id)).toEqual({ typeId: w.clerk.id, state: "VALID", validUntil: addDays(TODAY, 200) });
    expect(state(w.s.in30.id).state).toBe("EXPIRING");
    expect(state(w.s.endsToday.id)).toMatchObject({ state: "EXPIRING", validUntil: TODAY });
    expect(state(w.s.expired.id)).toMatchObject({ state: "EXPIRED", validUntil: addDays(TODAY, -1) });
    expect(state(w.s.revoked.id).state).toBe("REVOKED");
    expect(state(w.s.never.id)).toEqual({ typeId: w.clerk.id, state: "NEVER", validUntil: null });
    expect(state(w.s.renewed.id)).toMatchObject({ state: "VALID", validUntil: addDays(TODAY, 740) });
    const in30 = rows.find((r) => r.id === w.s.in30.id)!;
    expect(in30.lastAttempt).toEqual({ at: "2026-10-20T02:00:00.000Z", passed: true });
    expect(rows.find((r) => r.id === w.s.valid.id)!.lastAttempt).toBeNull();

    const all = await drillDown(drill({ typeId: null }));
    expect(all.rows[0].states.map((x) => x.typeId)).toEqual([w.clerk.id, w.postal.id]);
  });

  it("filters the drill-down by state and window", async () => {
    expect(names((await drillDown(drill({ state: "EXPIRING", days: 30 }))).rows)).toEqual(names([{ fullName: "Lê Thị Ba Mươi" }, { fullName: "Đỗ Thị Hôm Nay" }]));
    expect((await drillDown(drill({ state: "EXPIRING", days: 60 }))).total).toBe(3);
    expect((await drillDown(drill({ state: "VALID" }))).total).toBe(5);
    expect(names((await drillDown(drill({ state: "EXPIRED" }))).rows)).toEqual(["Nguyễn Văn Hôm Qua"]);
    expect(names((await drillDown(drill({ state: "REVOKED" }))).rows)).toEqual(["Hoàng Thị Thu Hồi"]);
    // No type chosen: "never" means no certification of any type.
    expect(names((await drillDown(drill({ typeId: null, state: "NEVER" }))).rows)).toEqual(["Nguyễn Văn An"]);
    expect((await drillDown(drill({ typeId: w.postal.id, state: "NEVER" }))).total).toBe(8);
  });

  it("pages the drill-down, clamping a page past the end", async () => {
    const first = await drillDown(drill({ pageSize: 3 }));
    expect(first).toMatchObject({ total: 8, page: 1, pages: 3 });
    const last = await drillDown(drill({ pageSize: 3, page: 99 }));
    expect(last.page).toBe(3);
    expect(last.rows).toHaveLength(2);
    const everyone = await drillDownAll(drill({}));
    expect(everyone.map((r) => r.id)).toEqual([...first.rows, ...(await drillDown(drill({ pageSize: 3, page: 2 }))).rows, ...last.rows].map((r) => r.id));
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
    expect(uncovered.find((a) => a.id === w.police.id)).toMatchObject({ active: 0, parentName: "Tỉnh thử", kind: "POLICE" });
    expect(uncovered.find((a) => a.id === w.a2.id)).toMatchObject({ active: 2 });
    // Without a clerks' type, any valid certification counts (A2's postal one does).
    const anyType = await agenciesWithoutCertified(filter(), null);
    expect(anyType.uncovered.map((a) => a.id).sort()).toEqual([w.police.id, w.dept.id].sort());
    // Narrowed to a unit: only the agencies under it.
    expect((await agenciesWithoutCertified(filter(w.dept.id), w.clerk.id)).uncovered.map((a) => a.id)).toEqual([w.dept.id]);
    expect(await agenciesWithoutCertified(filter(w.postOffice.id), w.clerk.id)).toEqual({ sending: 0, uncovered: [] });
  });

  it("computes coverage per unit over subtrees, for one type or any", async () => {
    const rows = await coverageByUnit(filter(), w.clerk.id);
    const row = (id: number) => rows.find((r) => r.id === id)!;
    expect(rows[0]).toMatchObject({ id: w.province.id, depth: 0 });
    expect(row(w.postOffice.id)).toMatchObject({ active: 8, covered: 5, depth: 1, deeper: true });
    expect(rows.find((r) => r.id === w.station.id)).toBeUndefined(); // one level below the view
    const office = await coverageByUnit(filter(w.postOffice.id), w.clerk.id);
    expect(office.find((r) => r.id === w.station.id)).toMatchObject({ active: 8, covered: 5, percent: 62.5, depth: 1, deeper: false });
    expect(row(w.a1.id)).toMatchObject({ active: 1, covered: 1, percent: 100 });
    expect(row(w.a2.id)).toMatchObject({ active: 2, covered: 0, percent: 0 });
    expect(row(w.police.id)).toMatchObject({ active: 0, covered: 0, percent: null });
    expect(row(w.dept.id)).toMatchObject({ active: 2, covered: 1 }); // its sub-agency included
    expect(row(w.province.id)).toMatchObject({ active: 13, covered: 7 });
    expect((await coverageByUnit(filter(), null)).find((r) => r.id === w.a2.id)).toMatchObject({ covered: 1 });
    const narrowed = await coverageByUnit(filter(w.dept.id), w.clerk.id);
    expect(narrowed.map((r) => [r.id, r.depth])).toEqual([[w.dept.id, 0], [w.subAgency.id, 1]]);
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
    expect(everyone).toHaveLength(8);
    const inside = new Set((await getDb().person.findMany({ where: { unitId: w.station.id, status: "ACTIVE" }, select: { id: true } })).map((p) => p.id));
    expect(everyone.every((r) => inside.has(r.id))).toBe(true);
    expect((await drillDown({ ...drill({ typeId: null, q: "Mai Thị Văn Thư" }), scope, unitId: null })).total).toBe(0);
    expect((await typeSummaries({ scope, unitId: null, now: NOW })).every((x) => x.active === 8)).toBe(true);
    expect((await coverageByUnit({ scope, unitId: null, now: NOW }, null)).map((r) => r.id)).toEqual([w.postOffice.id, w.station.id]);
    expect((await agenciesWithoutCertified({ scope, unitId: null, now: NOW }, w.clerk.id)).sending).toBe(0);
    // A unit outside the subtree is refused; an unknown one is not found.
    expect(await unitFilter(grants, String(w.a1.id))).toEqual({ ok: false, code: "FORBIDDEN" });
    expect(await unitFilter(grants, "999999")).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await unitFilter(grants, "abc")).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await unitFilter(grants, String(w.station.id))).toEqual({ ok: true, value: w.station.id });
  });

  it("exports the same rows with Vietnamese headers", async () => {
    const rows = await drillDownAll(drill({}));
    const { header, body } = exportTable((k, p) => translate("vi", k, p), [w.clerk], rows);
    expect(header).toEqual([
      "Mã nhân viên",
      "Họ và tên",
      "Đơn vị",
      "Chức vụ",
      "Văn thư KT1 (thử): trạng thái",
      "Văn thư KT1 (thử): hiệu lực đến",
      "Lần thi gần nhất",
      "Kết quả lần thi gần nhất",
    ]);
    expect(body.map((r) => r[1])).toEqual(rows.map((r) => r.fullName));
    const in30 = body.find((r) => r[1] === "Lê Thị Ba Mươi")!;
    expect(in30.slice(4)).toEqual(["Sắp hết hạn", "28/12/2026", "20/10/2026", "Đạt"]);
  });
});
