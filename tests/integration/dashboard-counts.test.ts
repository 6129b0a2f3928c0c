import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { certifiedAtMonthEnds, standing, type HeldCert } from "~/domain/dashboard/state.ts";
import { addDays, DAY_MS, fromDateColumn, HOUR_MS, type Day } from "~/domain/time/calendar.ts";
import { ensureCounts } from "~/services/dashboard/counts.server.ts";
import { coverageByUnit } from "~/services/dashboard/coverage.server.ts";
import { drillDown } from "~/services/dashboard/drill-down.server.ts";
import { dashboardView } from "~/services/dashboard/overview.server.ts";
import { typeSummaries } from "~/services/dashboard/summaries.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";

// The dashboard reads stored counts (decision 012). These tests hold the SQL
// that fills them to the rule in app/domain/dashboard/state.ts, and check that
// a change reaches the dashboard on the next read.

const NOW = new Date("2026-11-28T05:00:00Z"); // 12:00 in Vietnam
const TODAY = "2026-11-28";
const uid = randomBytes(3).toString("hex");
let serial = 0;

/** A certification with exactly these dates, with the training record the schema requires as evidence. */
async function certify(personId: number, typeId: number, c: HeldCert) {
  serial++;
  const { attendanceId } = await confirmedSessionLine({ personId, certificationTypeId: typeId, heldOn: c.validFrom });
  const rows = await getDb().$queryRaw<{ id: number }[]>`
    insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at,
                                valid_from, valid_until, training_attendance_id, revoked_at, revoke_reason)
    values (${`CNT-${uid}-${serial}`}, ${`cnt${uid}${serial}`}, ${personId}, ${typeId}, 'IN_PERSON', ${c.issuedAt},
           ${c.validFrom}::date, ${c.validUntil}::date, ${attendanceId}, ${c.revokedAt}, ${c.revokedAt ? "Thử thu hồi" : null})
    returning id`;
  return rows[0].id;
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let types: { id: number; code: string }[];
let unitA: { id: number };
let unitB: { id: number };
let province: { id: number };

beforeAll(async () => {
  const db = getDb();
  types = [
    await db.certificationType.create({ data: { code: `CNT-A-${uid}`, name: "Loại A (thử)" } }),
    await db.certificationType.create({ data: { code: `CNT-B-${uid}`, name: "Loại B (thử)" } }),
  ];
  province = await makeUnit({ kind: "PROVINCE", name: "Tỉnh đếm" });
  unitA = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan đếm A" });
  unitB = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan đếm B" });
});

describe("stored dashboard counts", () => {
  it("give every person the standing the domain rule gives, over random histories and the edge days", async () => {
    const rnd = random(20261128);
    // Around today, the expiry windows, and month ends behind (31/10, 1/11, 30/9...).
    const edges = [0, -1, 1, 30, 31, 60, 61, 89, 90, 91, -365, 365, -28, -27, -29, -58, -59, -60, -334];
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const expected = new Map<string, ReturnType<typeof standing> & { months: boolean[] }>();
    for (let i = 0; i < 60; i++) {
      const person = await makePerson({ unitId: rnd() < 0.5 ? unitA.id : unitB.id, fullName: `Người Thử ${i}`, withAccount: false });
      for (const type of types) {
        const held: HeldCert[] = [];
        const count = Math.floor(rnd() * 4); // 0 to 3 certifications of the type
        for (let k = 0; k < count; k++) {
          const until: Day = addDays(TODAY, rnd() < 0.5 ? pick(edges) : Math.floor(rnd() * 1400) - 700);
          const from: Day = addDays(until, -Math.floor(rnd() * 730));
          const issuedAt = new Date(`${from}T02:00:00Z`);
          const r = rnd();
          // Revoked an hour ago, in an hour (still live now), or never.
          const revokedAt = r < 0.15 ? new Date(NOW.getTime() - HOUR_MS) : r < 0.2 ? new Date(NOW.getTime() + HOUR_MS) : null;
          const c = { validFrom: from, validUntil: until, issuedAt, revokedAt };
          await certify(person.id, type.id, c);
          held.push(c);
        }
        expected.set(`${person.id}:${type.id}`, { ...standing(held, NOW), months: certifiedAtMonthEnds(held, NOW) });
      }
    }

    await ensureCounts(NOW);
    const stored = await getDb().$queryRaw<{ person_id: number; type_id: number; state: string; valid_now: boolean; best_until: Date | null; certified_months: number }[]>`
      select s.person_id, s.type_id, s.state, s.valid_now, s.best_until, s.certified_months
        from person_cert_states s where s.type_id = any(${types.map((t) => t.id)}::int[]) and s.unit_id = any(${[unitA.id, unitB.id]}::int[])`;
    const actual = new Map(
      stored.map((r) => [
        `${r.person_id}:${r.type_id}`,
        {
          state: r.state,
          validNow: r.valid_now,
          bestUntil: fromDateColumn(r.best_until),
          months: Array.from({ length: 12 }, (_, k) => (r.certified_months & (1 << k)) !== 0),
        },
      ]),
    );
    expect(actual).toEqual(expected);
    // The random histories reach every state.
    expect(new Set([...expected.values()].map((s) => s.state))).toEqual(new Set(["VALID", "EXPIRING", "EXPIRED", "REVOKED", "NEVER"]));
    // ...and covers that start or stop inside the 12-month window.
    expect([...expected.values()].some((s) => s.months.includes(true) && s.months.includes(false))).toBe(true);
  });

  it("follow a revocation, a move and a departure on the next read, recounting only the units touched", async () => {
    const [type] = types;
    const f = { scope: [province.id], unitId: null, now: NOW };
    const alice = await makePerson({ unitId: unitA.id, fullName: "Đinh Thị Di Chuyển", withAccount: false });
    const bob = await makePerson({ unitId: unitA.id, fullName: "Tạ Văn Nghỉ Việc", withAccount: false });
    const aliceCert = await certify(alice.id, type.id, { validFrom: "2026-01-01", validUntil: "2027-12-31", issuedAt: new Date("2026-01-01T02:00:00Z"), revokedAt: null });
    await certify(bob.id, type.id, { validFrom: "2026-01-01", validUntil: "2027-12-31", issuedAt: new Date("2026-01-01T02:00:00Z"), revokedAt: null });
    await ensureCounts(NOW);
    const before = (await typeSummaries(f)).find((t) => t.id === type.id)!;
    const coverA = async () => (await coverageByUnit(f, type.id)).find((r) => r.id === unitA.id)!;
    const coverB = async () => (await coverageByUnit(f, type.id)).find((r) => r.id === unitB.id)!;
    const a0 = await coverA();
    const b0 = await coverB();

    await getDb().person.update({ where: { id: alice.id }, data: { unitId: unitB.id } });
    expect(await ensureCounts(NOW)).toBe("units");
    expect(await coverA()).toMatchObject({ active: a0.active - 1, covered: a0.covered - 1 });
    expect(await coverB()).toMatchObject({ active: b0.active + 1, covered: b0.covered + 1 });

    await getDb().certification.update({ where: { id: aliceCert }, data: { revokedAt: new Date(NOW.getTime() - 60_000), revokeReason: "Thử thu hồi" } });
    await getDb().person.update({ where: { id: bob.id }, data: { status: "LEFT" } });
    const after = (await typeSummaries(f)).find((t) => t.id === type.id)!;
    expect(after).toMatchObject({ active: before.active - 1, valid: before.valid - 2, revoked: before.revoked + 1 });
    expect(await coverB()).toMatchObject({ active: b0.active + 1, covered: b0.covered });
  });

  it("are not recounted for a change that does not move them, and are recounted in full on a new day", async () => {
    const person = await makePerson({ unitId: unitA.id, fullName: "Lò Văn Đổi Tên", withAccount: false });
    await ensureCounts(NOW);
    await getDb().person.update({ where: { id: person.id }, data: { fullName: "Lò Văn Tên Mới", position: "Văn thư" } });
    expect(await ensureCounts(NOW)).toBe("none");
    // The search finds the new name, with or without diacritics, and not the old one.
    const search = (q: string) => drillDown({ scope: [province.id], unitId: null, now: NOW, typeId: null, state: null, days: 90, q, page: 1, pageSize: 50 });
    expect((await search("ten moi")).rows.map((r) => r.fullName)).toEqual(["Lò Văn Tên Mới"]);
    expect((await search("Lò Văn Tên Mới")).total).toBe(1);
    expect((await search("doi ten")).total).toBe(0);
    expect(await ensureCounts(new Date(NOW.getTime() + DAY_MS))).toBe("all");
    expect(await ensureCounts(new Date(NOW.getTime() + DAY_MS))).toBe("none");
  });

  it("show coverage one level below the view, marking units with more below", async () => {
    const region = await makeUnit({ parentId: unitA.id, kind: "DEPARTMENT", name: "Phòng đếm" });
    const team = await makeUnit({ parentId: region.id, kind: "AGENCY", name: "Tổ đếm" });
    const deep = await makeUnit({ parentId: team.id, kind: "AGENCY", name: "Nhóm đếm sâu" });
    const person = await makePerson({ unitId: deep.id, fullName: "Hà Văn Sâu", withAccount: false });
    await certify(person.id, types[0].id, { validFrom: "2026-01-01", validUntil: "2027-12-31", issuedAt: new Date("2026-01-01T02:00:00Z"), revokedAt: null });

    const top = await coverageByUnit({ scope: [province.id], unitId: null, now: NOW }, types[0].id);
    expect(top.find((r) => r.id === unitA.id)).toMatchObject({ depth: 1, deeper: true });
    expect(top.find((r) => r.id === unitB.id)).toMatchObject({ depth: 1, deeper: false });
    expect(top.find((r) => r.id === region.id)).toBeUndefined();
    // The person three levels down still counts in every unit above them.
    const opened = await coverageByUnit({ scope: [province.id], unitId: region.id, now: NOW }, types[0].id);
    expect(opened.map((r) => [r.name, r.depth, r.covered, r.deeper])).toEqual([
      ["Phòng đếm", 0, 1, false],
      ["Tổ đếm", 1, 1, true],
    ]);
  });

  it("serve the cached overview until something changes, then a fresh one", async () => {
    const [type] = types;
    const f = () => ({ scope: [province.id], unitId: null, now: NOW });
    const first = await dashboardView(f(), null);
    expect(await dashboardView(f(), null)).toBe(first); // nothing changed: the same view
    const valid = first.summaries.find((t) => t.id === type.id)!.valid;
    expect((await dashboardView(f(), type.code)).type?.id).toBe(type.id);

    const person = await makePerson({ unitId: unitB.id, fullName: "Kiều Thị Mới Cấp", withAccount: false });
    await certify(person.id, type.id, { validFrom: "2026-11-01", validUntil: "2028-10-31", issuedAt: new Date("2026-11-01T02:00:00Z"), revokedAt: null });
    const second = await dashboardView(f(), null);
    expect(second).not.toBe(first);
    expect(second.summaries.find((t) => t.id === type.id)!.valid).toBe(valid + 1);

    // A renamed unit shows its new name at once.
    await getDb().unit.update({ where: { id: unitB.id }, data: { name: "Cơ quan đếm B (tên mới)" } });
    const third = await dashboardView(f(), null);
    expect(third.coverage.find((r) => r.id === unitB.id)?.name).toBe("Cơ quan đếm B (tên mới)");
  });
});
