// Issue 11, item 4: a trainer could certify anyone, themself included, with any
// pass mark. Now the pass mark is the certification type's, nobody records their
// own result, and a session's results become certifications only when a second
// trainer or admin — neither the recorder nor listed — confirms them; the
// database refuses any certification outside an exam without that (decision 029).
import { beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "~/domain/time/calendar.ts";
import * as sessions from "~/services/exams/training-sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const TYPE = "KT1-VAN-THU";
const today = () => dayOf(new Date());

describe("HTTP: a trainer records an in-person session", () => {
  let trainer: string;
  let type: { id: number; pass: number };
  const record = (attendance: string, extra: Record<string, string> = {}) =>
    // A pass mark is always sent, as the old form did: the server must ignore it.
    post(
      "/trainer/sessions/new",
      {
        intent: "record",
        certificationTypeId: String(type.id),
        heldOn: today(),
        place: "Phòng họp (kiểm thử an ninh)",
        passPercent: "80",
        attendance,
        ...extra,
      },
      trainer,
    );
  const sessionOf = (res: Response) => Number(/^\/trainer\/sessions\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
  const certificationsOf = async (sessionId: number) =>
    Number(
      (
        await appSql<{ n: string }>(
          `select count(*) as n from certifications c join training_attendance a on a.id = c.training_attendance_id where a.session_id = $1`,
          [sessionId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    trainer = await loginCookie("trainer@kt1.test");
    const [row] = await appSql<{ id: number; pass: number }>(
      `select t.id, e.pass_percent as pass from certification_types t join exams e on e.certification_type_id = t.id where t.code = $1`,
      [TYPE],
    );
    type = row;
    expect(type.pass).toBeGreaterThan(1);
  });

  it("takes the pass mark from the certification type, whatever the form says", async () => {
    const res = await record("TH0012;50", { passPercent: "1" });
    expect(res.status).toBe(302);
    const id = sessionOf(res);
    const [session] = await appSql<{ pass_percent: number }>(`select pass_percent from training_sessions where id = $1`, [id]);
    expect(session.pass_percent).toBe(type.pass);
    expect(await certificationsOf(id)).toBe(0);
    // The form offers no pass mark to type; it shows the type's, read-only.
    const form = await (await get("/trainer/sessions/new", trainer)).text();
    expect(form).not.toContain('name="passPercent"');
    expect(form).toContain(`${type.pass}%`);
  });

  it("refuses a line with the trainer's own employee code, as a line problem, and saves nothing", async () => {
    const before = await appSql<{ n: string }>(`select count(*) as n from training_sessions`);
    const res = await record("TH0011;95\nTH0002;100");
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("không ai được ghi nhận kết quả cho chính mình");
    expect(body).toContain("TH0002");
    expect(await appSql(`select count(*) as n from training_sessions`)).toEqual(before);
    const [self] = await appSql<{ n: string }>(
      `select count(*) as n from certifications c join people p on p.id = c.person_id where p.employee_code = 'TH0002'`,
    );
    expect(Number(self.n)).toBe(0);
  });

  it("issues nothing when recorded: the session waits for a second person, who sees it under “Chờ xác nhận”; the recorder cannot confirm it", async () => {
    const res = await record("TH0011;95\nTH0013;vắng");
    expect(res.status).toBe(302);
    const id = sessionOf(res);
    expect(await certificationsOf(id)).toBe(0);
    const [row] = await appSql<{ status: string }>(`select status::text from training_sessions where id = $1`, [id]);
    expect(row.status).toBe("PENDING");

    const admin = await loginCookie("admin@kt1.test");
    for (const page of ["/trainer/sessions", "/trainer"]) {
      const html = await (await get(page, admin)).text();
      expect(html, page).toContain("Chờ xác nhận");
      expect(html, page).toContain("Mai Thị Thanh Tâm (TH0011)"); // who would be certified
      expect(html, page).toContain("Phạm Thị Thu Hà"); // the recorder
    }

    const own = await post(`/trainer/sessions/${id}`, { intent: "confirm" }, trainer);
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("Bạn là người ghi nhận buổi này");
    expect(await certificationsOf(id)).toBe(0);

    // The second person rejects it with a reason (no certification touches the demo data).
    const rejected = await post(`/trainer/sessions/${id}`, { intent: "reject", reason: "Danh sách thiếu chữ ký của học viên" }, admin);
    expect(rejected.status).toBe(302);
    const [after] = await appSql<{ status: string; reject_reason: string }>(
      `select status::text, reject_reason from training_sessions where id = $1`,
      [id],
    );
    expect(after).toEqual({ status: "REJECTED", reject_reason: "Danh sách thiếu chữ ký của học viên" });
    expect(await certificationsOf(id)).toBe(0);
  });
});

describe("service: a second trainer or admin confirms, never the recorder or a participant", () => {
  let world: Awaited<ReturnType<typeof makeWorld>>;

  async function makeWorld() {
    const db = getDb();
    const province = await makeUnit({ kind: "PROVINCE" });
    const station = await makeUnit({ parentId: province.id, kind: "STATION" });
    const other = await makeUnit({ kind: "PROVINCE" });
    const type = await db.certificationType.create({ data: { code: `TP-${province.id}`, name: "Nghiệp vụ KT1 (hai người)" } });
    await db.exam.create({ data: { certificationTypeId: type.id, title: "Sát hạch", topics: {}, passPercent: 80 } });
    const trainerOf = (unitId: number, fullName: string, role: "TRAINER" | "ADMIN" = "TRAINER") =>
      makePerson({ unitId, fullName, roles: [{ role, unitId }], withAccount: false });
    return {
      province,
      type,
      recorder: await trainerOf(province.id, "Người Ghi Nhận"),
      second: await trainerOf(province.id, "Người Xác Nhận", "ADMIN"),
      participant: await trainerOf(station.id, "Giảng Viên Đi Học"),
      outsider: await trainerOf(other.id, "Giảng Viên Tỉnh Khác"),
      learner: await makePerson({ unitId: station.id, fullName: "Học Viên Đạt", withAccount: false }),
    };
  }

  beforeAll(async () => {
    world = await makeWorld();
  });

  const as = (p: { id: number; unitId: number }, role: "TRAINER" | "ADMIN", unitId: number) => ({
    personId: p.id,
    unitId: p.unitId,
    grants: [{ role, unitId }],
  });
  const certs = (sessionId: number) => getDb().certification.count({ where: { trainingAttendance: { sessionId } } });

  it("refuses the recorder, a participant and someone without the role over the session; a second admin confirms and only then are certifications issued", async () => {
    const { recorder, second, participant, outsider, learner, province, type } = world;
    const record = await sessions.recordTrainingSession(
      {
        certificationTypeId: type.id,
        heldOn: "2026-12-01",
        place: "Hội trường",
        attendance: `${learner.employeeCode};90\n${participant.employeeCode};85`,
      },
      { personId: recorder.id, unitId: recorder.unitId, scope: [province.id] },
      new Date(),
    );
    if (!record.ok) throw new Error(JSON.stringify(record));
    const recorded = record.value;
    expect(await certs(recorded.sessionId)).toBe(0);

    const decide = (who: ReturnType<typeof as>, scope: number[]) =>
      sessions.decideTrainingSession(recorded.sessionId, { kind: "confirm" }, who, scope, new Date());
    expect(await decide(as(recorder, "TRAINER", province.id), [province.id])).toMatchObject({
      ok: false,
      code: "REFUSED",
      reasons: ["recorder"],
    });
    expect(await decide(as(participant, "TRAINER", participant.unitId), [participant.unitId])).toMatchObject({
      ok: false,
      reasons: expect.arrayContaining(["participant"]),
    });
    expect((await decide(as(outsider, "TRAINER", outsider.unitId), [outsider.unitId])).ok).toBe(false);
    expect(await certs(recorded.sessionId)).toBe(0);

    expect(await decide(as(second, "ADMIN", province.id), [province.id])).toEqual({
      ok: true,
      value: { status: "CONFIRMED", certified: 2 },
    });
    expect(await certs(recorded.sessionId)).toBe(2);
    const audit = await getDb().auditEntry.findMany({
      where: { targetType: "training_session", targetId: String(recorded.sessionId) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["training.record", recorder.id],
      ["training.confirm", second.id],
    ]);
    // Decided once.
    expect(await decide(as(second, "ADMIN", province.id), [province.id])).toMatchObject({ ok: false, reasons: ["decided"] });
  });
});

describe("database: no certification outside an exam without a second person", () => {
  it("refuses a raw insert claiming an unconfirmed session, a recorder's own line, or no origin", async () => {
    const db = getDb();
    const unit = await makeUnit({ kind: "PROVINCE" });
    const trainer = await makePerson({ unitId: unit.id, roles: [{ role: "TRAINER", unitId: unit.id }], withAccount: false });
    const learner = await makePerson({ unitId: unit.id, withAccount: false });
    const type = await db.certificationType.create({ data: { code: `TP-DB-${unit.id}`, name: "Nghiệp vụ KT1 (SQL)" } });
    const [session] = await db.$queryRaw<{ id: number }[]>`
      insert into training_sessions (certification_type_id, held_on, place, trainer_id, pass_percent)
      values (${type.id}, current_date, 'Phòng họp', ${trainer.id}, 50) returning id`;
    const [line] = await db.$queryRaw<{ id: number }[]>`
      insert into training_attendance (session_id, person_id, attended, paper_score) values (${session.id}, ${learner.id}, true, 90) returning id`;
    const insert = (personId: number, attendanceId: number | null, serial: string) => db.$executeRaw`
      insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, training_attendance_id)
      values (${serial}, ${serial.toLowerCase()}, ${personId}, ${type.id}, 'IN_PERSON', now(), current_date, current_date + 700, ${attendanceId})`;

    await expect(insert(learner.id, line.id, `SQL-PENDING-${unit.id}`)).rejects.toThrow(/two-person rule/);
    await expect(insert(learner.id, null, `SQL-NONE-${unit.id}`)).rejects.toThrow(/two-person rule|certifications_evidence/);
    await expect(db.$executeRaw`
      insert into training_attendance (session_id, person_id, attended, paper_score) values (${session.id}, ${trainer.id}, true, 100)`).rejects.toThrow(
      /for themself/,
    );
    // The recorder cannot be the one who confirms, even by raw SQL.
    await expect(
      db.$executeRawUnsafe(
        `update training_sessions set status = 'CONFIRMED', decided_by_id = trainer_id, decided_at = now() where id = ${session.id}`,
      ),
    ).rejects.toThrow(/training_sessions_two_people|second person/);
    expect(await db.certification.count({ where: { certificationTypeId: type.id } })).toBe(0);
  });
});
