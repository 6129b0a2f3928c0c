import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { certifiedAtMonthEnds, dashboardStanding, type HeldCert } from "~/domain/dashboard/state.ts";
import { addDays, DAY_MS, fromDateColumn, HOUR_MS, type Day } from "~/domain/time/calendar.ts";
import { ensureCounts } from "~/services/dashboard/counts.server.ts";
import { coverageByUnit } from "~/services/dashboard/coverage.server.ts";
import { drillDown } from "~/services/dashboard/drill-down.server.ts";
import { dashboardView } from "~/services/dashboard/overview.server.ts";
import { typeSummaries } from "~/services/dashboard/summaries.server.ts";
import { recomputeObligations } from "~/services/obligations/recompute.server.ts";
import { createRule } from "~/services/obligations/requirements.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";

// The dashboard reads stored counts (decisions 012 and 045). These tests hold
// the SQL that fills them to the rule in app/domain/dashboard/state.ts (the
// certification standing and the obligation's status), and check that a change
// reaches the dashboard on the next read.

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

let types: { id: number; code: string; renewalWindowDays: number }[];
let unitA: { id: number };
let unitB: { id: number };
let province: { id: number };
const positionIds = new Map<string, number>();

beforeAll(async () => {
  const db = getDb();
  types = [
    await db.certificationType.create({ data: { code: `CNT-A-${uid}`, name: "Loại A (thử)", renewalWindowDays: 90 } }),
    await db.certificationType.create({ data: { code: `CNT-B-${uid}`, name: "Loại B (thử)", renewalWindowDays: 30 } }),
  ];
  for (const p of await db.position.findMany()) positionIds.set(p.code, p.id);
  // Clerks must hold A within 30 days and B within 10; counter clerks B within 60; specialists nothing.
  for (const [position, type, days] of [
    ["VAN_THU", 0, 30],
    ["VAN_THU", 1, 10],
    ["GDV_KT1", 1, 60],
  ] as const) {
    const rule = await createRule(
      {
        unitKind: null,
        positionId: positionIds.get(position)!,
        secretAccess: false,
        certificationTypeId: types[type].id,
        dueWithinDays: days,
        gatesKt1Duty: false,
      },
      null,
      NOW,
      "2020-01-01",
    );
    if (!rule.ok) throw new Error(rule.code);
  }
  province = await makeUnit({ kind: "PROVINCE", name: "Tỉnh đếm" });
  unitA = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan đếm A" });
  unitB = await makeUnit({ parentId: province.id, kind: "AGENCY", name: "Cơ quan đếm B" });
});

describe("stored dashboard counts", () => {
  it("give every person the standing and obligation status the domain rule gives, over random histories and the edge days", async () => {
    const rnd = random(20261128);
    // Around today, the renewal windows, and month ends behind (31/10, 1/11, 30/9...).
    const edges = [0, -1, 1, 29, 30, 31, 60, 61, 89, 90, 91, -365, 365, -28, -27, -29, -58, -59, -60, -334];
    // Days before today a person took their position: due dates land before, on and after today.
    const sinceEdges = [0, 9, 10, 11, 29, 30, 31, 59, 60, 61, 200, 800];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const expected = new Map<string, ReturnType<typeof dashboardStanding> & { months: boolean[] }>();
    const histories = new Map<string, HeldCert[]>();
    for (let i = 0; i < 90; i++) {
      const person = await makePerson({
        unitId: rnd() < 0.5 ? unitA.id : unitB.id,
        fullName: `Người Thử ${i}`,
        withAccount: false,
        positionCode: pick(["VAN_THU", "VAN_THU", "GDV_KT1", "CHUYEN_VIEN"]),
        positionSince: addDays(TODAY, -pick(sinceEdges)),
      });
      for (const type of types) {
        const held: HeldCert[] = [];
        const count = Math.floor(rnd() * 4); // 0 to 3 certifications of the type
        for (let k = 0; k < count; k++) {
          const until: Day = addDays(TODAY, rnd() < 0.5 ? pick(edges) : Math.floor(rnd() * 1400) - 700);
          // Sometimes a renewal that starts the day after the previous one ends.
          const prev = held.at(-1);
          const from: Day = prev && rnd() < 0.3 ? addDays(prev.validUntil, 1) : addDays(until, -Math.floor(rnd() * 730));
          const issuedAt = new Date(`${from}T02:00:00Z`);
          const r = rnd();
          // Revoked an hour ago, in an hour (still live now), or never.
          const revokedAt = r < 0.15 ? new Date(NOW.getTime() - HOUR_MS) : r < 0.2 ? new Date(NOW.getTime() + HOUR_MS) : null;
          const c = { validFrom: from, validUntil: from > until ? addDays(from, 700) : until, issuedAt, revokedAt };
          await certify(person.id, type.id, c);
          held.push(c);
        }
        histories.set(`${person.id}:${type.id}`, held);
      }
    }
    const owed = await getDb().obligation.findMany({ where: { certificationTypeId: { in: types.map((t) => t.id) } } });
    const dueOf = new Map(owed.map((o) => [`${o.personId}:${o.certificationTypeId}`, o.dueOn.toISOString().slice(0, 10)]));
    for (const [key, held] of histories) {
      const type = types.find((t) => t.id === Number(key.split(":")[1]))!;
      const dueOn = dueOf.get(key);
      expected.set(key, {
        ...dashboardStanding(held, dueOn ? { dueOn } : null, type.renewalWindowDays, NOW),
        months: certifiedAtMonthEnds(held, NOW),
      });
    }

    await ensureCounts(NOW);
    const stored = await getDb().$queryRaw<
      {
        person_id: number;
        type_id: number;
        state: string;
        valid_now: boolean;
        best_until: Date | null;
        certified_months: number;
        obligation: string | null;
        obligation_due_on: Date | null;
        obligation_until: Date | null;
      }[]
    >`
      select s.person_id, s.type_id, s.state, s.valid_now, s.best_until, s.certified_months, s.obligation, s.obligation_due_on, s.obligation_until
        from person_cert_states s where s.type_id = any(${types.map((t) => t.id)}::int[]) and s.unit_id = any(${[unitA.id, unitB.id]}::int[])`;
    const actual = new Map(
      stored.map((r) => [
        `${r.person_id}:${r.type_id}`,
        {
          state: r.state,
          validNow: r.valid_now,
          bestUntil: fromDateColumn(r.best_until),
          obligation:
            r.obligation === null
              ? null
              : { status: r.obligation, dueOn: fromDateColumn(r.obligation_due_on), validUntil: fromDateColumn(r.obligation_until) },
          months: Array.from({ length: 12 }, (_, k) => (r.certified_months & (1 << k)) !== 0),
        },
      ]),
    );
    expect(actual).toEqual(expected);
    // The random histories reach every state and every obligation status.
    expect(new Set([...expected.values()].map((s) => s.state))).toEqual(new Set(["VALID", "EXPIRING", "EXPIRED", "REVOKED", "NEVER"]));
    expect(new Set([...expected.values()].map((s) => s.obligation?.status ?? null))).toEqual(
      new Set([null, "COMPLIANT", "EXPIRING", "DUE", "OVERDUE", "EXPIRED", "REVOKED"]),
    );
    // ...and covers that start or stop inside the 12-month window.
    expect([...expected.values()].some((s) => s.months.includes(true) && s.months.includes(false))).toBe(true);

    // The per-unit counts are the sums of those statuses.
    const [type] = types;
    const summary = (await typeSummaries({ scope: [province.id], unitId: null, now: NOW })).find((t) => t.id === type.id)!;
    const ofType = [...expected.entries()].filter(([k]) => k.endsWith(`:${type.id}`)).map(([, v]) => v.obligation);
    const count = (...statuses: string[]) => ofType.filter((o) => o && statuses.includes(o.status)).length;
    expect(summary).toMatchObject({
      obligated: ofType.filter((o) => o).length,
      compliant: count("COMPLIANT", "EXPIRING"),
      due: count("DUE"),
      overdue: count("OVERDUE"),
      expired: count("EXPIRED"),
      revoked: count("REVOKED"),
      late: count("OVERDUE", "EXPIRED", "REVOKED"),
      dueSoon: ofType.filter((o) => o && (o.status === "DUE" || o.status === "EXPIRING") && o.dueOn! <= addDays(TODAY, 30)).length,
    });
  });

  it("follow a revocation, a move, a departure and a new obligation on the next read, recounting only the units touched", async () => {
    const [type] = types;
    const f = { scope: [province.id], unitId: null, now: NOW };
    const clerk = (fullName: string) => makePerson({ unitId: unitA.id, fullName, withAccount: false, positionCode: "VAN_THU" });
    const alice = await clerk("Đinh Thị Di Chuyển");
    const bob = await clerk("Tạ Văn Nghỉ Việc");
    const aliceCert = await certify(alice.id, type.id, {
      validFrom: "2026-01-01",
      validUntil: "2027-12-31",
      issuedAt: new Date("2026-01-01T02:00:00Z"),
      revokedAt: null,
    });
    await certify(bob.id, type.id, {
      validFrom: "2026-01-01",
      validUntil: "2027-12-31",
      issuedAt: new Date("2026-01-01T02:00:00Z"),
      revokedAt: null,
    });
    await ensureCounts(NOW);
    const before = (await typeSummaries(f)).find((t) => t.id === type.id)!;
    const coverA = async () => (await coverageByUnit(f, type.id)).find((r) => r.id === unitA.id)!;
    const coverB = async () => (await coverageByUnit(f, type.id)).find((r) => r.id === unitB.id)!;
    const a0 = await coverA();
    const b0 = await coverB();

    await getDb().person.update({ where: { id: alice.id }, data: { unitId: unitB.id } });
    expect(await ensureCounts(NOW)).toBe("units");
    expect(await coverA()).toMatchObject({ obligated: a0.obligated - 1, compliant: a0.compliant - 1 });
    expect(await coverB()).toMatchObject({ obligated: b0.obligated + 1, compliant: b0.compliant + 1 });

    await getDb().certification.update({
      where: { id: aliceCert },
      data: { revokedAt: new Date(NOW.getTime() - 60_000), revokeReason: "Thử thu hồi" },
    });
    await getDb().person.update({ where: { id: bob.id }, data: { status: "LEFT" } });
    const after = (await typeSummaries(f)).find((t) => t.id === type.id)!;
    expect(after).toMatchObject({
      obligated: before.obligated - 1,
      compliant: before.compliant - 2,
      revoked: before.revoked + 1,
      late: before.late + 1,
    });
    expect(await coverB()).toMatchObject({ obligated: b0.obligated + 1, compliant: b0.compliant });

    // A specialist becomes a clerk: the obligations written with the change mark the unit.
    const carol = await makePerson({ unitId: unitA.id, fullName: "Cao Thị Đổi Vị Trí", withAccount: false, positionCode: "CHUYEN_VIEN" });
    await ensureCounts(NOW);
    const beforeMove = (await typeSummaries(f)).find((t) => t.id === type.id)!;
    await getDb().$transaction(async (tx) => {
      await tx.person.update({ where: { id: carol.id }, data: { positionId: positionIds.get("VAN_THU")! } });
      await recomputeObligations(tx, [carol.id], NOW);
    });
    expect(await ensureCounts(NOW)).toBe("units");
    expect((await typeSummaries(f)).find((t) => t.id === type.id)).toMatchObject({
      obligated: beforeMove.obligated + 1,
      overdue: beforeMove.overdue + 1,
    });
  });

  it("are not recounted for a change that does not move them, and are recounted in full on a new day, where DUE becomes OVERDUE", async () => {
    const person = await makePerson({
      unitId: unitA.id,
      fullName: "Lò Văn Đổi Tên",
      withAccount: false,
      positionCode: "VAN_THU",
      positionSince: addDays(TODAY, -30),
    });
    await ensureCounts(NOW);
    await getDb().person.update({ where: { id: person.id }, data: { fullName: "Lò Văn Tên Mới", position: "Văn thư" } });
    expect(await ensureCounts(NOW)).toBe("none");
    // The search finds the new name, with or without diacritics, and not the old one.
    const search = (q: string, now = NOW) =>
      drillDown({ scope: [province.id], unitId: null, now, typeId: types[0].id, status: null, q, page: 1, pageSize: 50 });
    expect((await search("ten moi")).rows.map((r) => r.fullName)).toEqual(["Lò Văn Tên Mới"]);
    expect((await search("Lò Văn Tên Mới")).total).toBe(1);
    expect((await search("doi ten")).total).toBe(0);
    // Due today (30 days after taking the position): DUE until midnight, OVERDUE from the next day's recount.
    expect((await search("ten moi")).rows[0].states[0]).toMatchObject({ status: "DUE", dueOn: TODAY });
    const tomorrow = new Date(NOW.getTime() + DAY_MS);
    expect(await ensureCounts(tomorrow)).toBe("all");
    expect(await ensureCounts(tomorrow)).toBe("none");
    expect((await search("ten moi", tomorrow)).rows[0].states[0]).toMatchObject({ status: "OVERDUE", dueOn: TODAY });
    await ensureCounts(NOW); // back to the day the other tests read
  });

  it("show coverage one level below the view, marking units with more below", async () => {
    const region = await makeUnit({ parentId: unitA.id, kind: "DEPARTMENT", name: "Phòng đếm" });
    const team = await makeUnit({ parentId: region.id, kind: "AGENCY", name: "Tổ đếm" });
    const deep = await makeUnit({ parentId: team.id, kind: "AGENCY", name: "Nhóm đếm sâu" });
    const person = await makePerson({ unitId: deep.id, fullName: "Hà Văn Sâu", withAccount: false, positionCode: "VAN_THU" });
    await certify(person.id, types[0].id, {
      validFrom: "2026-01-01",
      validUntil: "2027-12-31",
      issuedAt: new Date("2026-01-01T02:00:00Z"),
      revokedAt: null,
    });

    const top = await coverageByUnit({ scope: [province.id], unitId: null, now: NOW }, types[0].id);
    expect(top.find((r) => r.id === unitA.id)).toMatchObject({ depth: 1, deeper: true });
    expect(top.find((r) => r.id === unitB.id)).toMatchObject({ depth: 1, deeper: false });
    expect(top.find((r) => r.id === region.id)).toBeUndefined();
    // The person three levels down still counts in every unit above them.
    const opened = await coverageByUnit({ scope: [province.id], unitId: region.id, now: NOW }, types[0].id);
    expect(opened.map((r) => [r.name, r.depth, r.compliant, r.deeper])).toEqual([
      ["Phòng đếm", 0, 1, false],
      ["Tổ đếm", 1, 1, true],
    ]);
  });

  it("serve the cached overview until something changes, then a fresh one", async () => {
    const [type] = types;
    const f = () => ({ scope: [province.id], unitId: null, now: NOW });
    const first = await dashboardView(f(), null);
    expect(await dashboardView(f(), null)).toBe(first); // nothing changed: the same view
    const compliant = first.summaries.find((t) => t.id === type.id)!.compliant;
    expect((await dashboardView(f(), type.code)).type?.id).toBe(type.id);

    const person = await makePerson({ unitId: unitB.id, fullName: "Kiều Thị Mới Cấp", withAccount: false, positionCode: "VAN_THU" });
    await certify(person.id, type.id, {
      validFrom: "2026-11-01",
      validUntil: "2028-10-31",
      issuedAt: new Date("2026-11-01T02:00:00Z"),
      revokedAt: null,
    });
    const second = await dashboardView(f(), null);
    expect(second).not.toBe(first);
    expect(second.summaries.find((t) => t.id === type.id)!.compliant).toBe(compliant + 1);

    // A renamed unit shows its new name at once.
    await getDb().unit.update({ where: { id: unitB.id }, data: { name: "Cơ quan đếm B (tên mới)" } });
    const third = await dashboardView(f(), null);
    expect(third.coverage.find((r) => r.id === unitB.id)?.name).toBe("Cơ quan đếm B (tên mới)");
  });
});
