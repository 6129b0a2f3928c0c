// Obligation escalation end to end (decision 046): planning and delivery on real
// PostgreSQL, email through nodemailer to a real SMTP server (smtp-server, in
// process, as the expiry reminder tests do), parsed back with mailparser.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, DAY_MS, dayOf, toDateColumn, type Day } from "~/domain/time/calendar.ts";
import { listNotifications } from "~/services/notifications.server.ts";
import { createRule } from "~/services/obligations/requirements.server.ts";
import { deliverPending } from "~/services/reminders/deliver.server.ts";
import { planEscalations } from "~/services/reminders/escalation-plan.server.ts";
import { createMailTransport, type MailTransport } from "~/services/reminders/mailer.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";

// 08:00 in Vietnam on Tuesday 1 December 2026 (the week of Monday 30/11).
const NOW = new Date("2026-12-01T01:00:00Z");
const TODAY = dayOf(NOW);
const PUBLIC_URL = "https://kt1.example.vn";
const TYPE_NAME = "Bưu tá KT1 — chuyển phát tài liệu mật";
const DUE_WITHIN = 30;
const dmy = (day: Day) => day.split("-").reverse().join("/");
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const uid = () => randomBytes(4).toString("hex").toUpperCase();

// --- a real SMTP server ------------------------------------------------------

const received: { to: string[]; mail: ParsedMail }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let typeId = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  // One rule for the whole file: postmen (a position no other test uses) must hold our type within 30 days.
  const type = await getDb().certificationType.create({
    data: { code: `ESC-${uid()}`, name: TYPE_NAME, validityMonths: 24, renewalWindowDays: 90 },
  });
  typeId = type.id;
  const postman = await getDb().position.findUniqueOrThrow({ where: { code: "BUU_TA_KT1" } });
  const rule = await createRule(
    {
      unitKind: null,
      positionId: postman.id,
      secretAccess: false,
      certificationTypeId: type.id,
      dueWithinDays: DUE_WITHIN,
      gatesKt1Duty: true,
    },
    null,
    NOW,
    "2020-01-01",
  );
  if (!rule.ok) throw new Error(rule.code);
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function transport(): MailTransport {
  return createMailTransport({ host: "127.0.0.1", port: smtpPort, secure: false, from: "Học viện KT1 <no-reply@kt1.test>" });
}
const mailsTo = (address: string | null) => received.filter((r) => address && r.to.includes(address)).map((r) => r.mail);

async function run(now: Date) {
  await planEscalations(now, { email: true });
  await deliverPending(now, transport(), { publicUrl: PUBLIC_URL });
}

// --- test data ---------------------------------------------------------------

/** A province with two communes; a manager on each. */
async function makeWorld() {
  const province = await makeUnit({ name: `Bưu điện tỉnh Ninh Bình ${uid()}`, kind: "PROVINCE" });
  const unit = await makeUnit({ parentId: province.id, name: "Bưu điện xã Gia Viễn", kind: "COMMUNE_POST_OFFICE" });
  const other = await makeUnit({ parentId: province.id, name: "Bưu điện xã Nho Quan", kind: "COMMUNE_POST_OFFICE" });
  const provinceManager = await makePerson({
    unitId: province.id,
    fullName: "Phạm Quốc Huy",
    roles: [{ role: "MANAGER", unitId: province.id }],
  });
  const unitManager = await makePerson({ unitId: unit.id, fullName: "Đỗ Thị Hương", roles: [{ role: "MANAGER", unitId: unit.id }] });
  const otherManager = await makePerson({ unitId: other.id, fullName: "Vũ Minh Đức", roles: [{ role: "MANAGER", unitId: other.id }] });
  return { province, unit, other, provinceManager, unitManager, otherManager };
}

/** A postman whose obligation falls due on `dueOn`. */
const postman = (unitId: number, fullName: string, dueOn: Day) =>
  makePerson({ unitId, fullName, positionCode: "BUU_TA_KT1", positionSince: addDays(dueOn, -DUE_WITHIN) });

/** A certification of our type, valid from `validFrom` to `validUntil`. */
async function certify(personId: number, validFrom: Day, validUntil: Day) {
  const line = await confirmedSessionLine({ personId, certificationTypeId: typeId, heldOn: validFrom });
  await getDb().certification.create({
    data: {
      serial: `KT1-E-${uid()}`,
      verificationCode: `${uid()}${uid()}`.toLowerCase(),
      personId,
      certificationTypeId: typeId,
      source: "IN_PERSON",
      issuedAt: new Date(`${validFrom}T03:00:00Z`),
      validFrom: toDateColumn(validFrom),
      validUntil: toDateColumn(validUntil),
      trainingAttendanceId: line.attendanceId,
    },
  });
}

// --- the tests ---------------------------------------------------------------

describe("obligation escalation", () => {
  it("emails the person 14 days before the due date and on the day, once each, however often the job runs", async () => {
    const world = await makeWorld();
    const dueOn = addDays(TODAY, 14);
    const person = await postman(world.unit.id, "Nguyễn Văn Hưởng", dueOn);

    await Promise.all([run(NOW), run(NOW)]); // two processes at once
    await run(NOW); // the job again, the same day
    await run(at(1)); // and the next day, inside the 14-day window
    let mails = mailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Bạn cần có chứng nhận “${TYPE_NAME}” trước ngày ${dmy(dueOn)}`);
    expect(mails[0].text).toContain("Kính gửi Nguyễn Văn Hưởng,");
    expect(mails[0].text).toContain("(còn 14 ngày)");
    expect(mails[0].text).toContain(`${PUBLIC_URL}/learn`);

    await run(at(14));
    await run(at(14));
    mails = mailsTo(person.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe(`Hôm nay (${dmy(dueOn)}) là hạn chót để có chứng nhận “${TYPE_NAME}”`);
    expect(mails[1].html).toContain(`<a href="${PUBLIC_URL}/learn">`);

    // The same two, in the app.
    const { items } = await listNotifications(person.id);
    expect(items.map((n) => (n.kind === "OBLIGATION_DUE" ? [n.notice, n.dueOn] : n.kind))).toEqual([
      ["DUE_TODAY", dueOn],
      ["DUE_SOON", dueOn],
    ]);
    // Nobody told the managers anything about a person who is not late yet.
    const about = await getDb().reminderOutbox.findMany({ where: { subjectPersonId: person.id, kind: "OVERDUE" } });
    expect(about).toEqual([]);
  });

  it("tells the managers above an overdue person once it is late, then weekly, and stops once the person is certified", async () => {
    const world = await makeWorld();
    const dueOn = addDays(TODAY, -1);
    const person = await postman(world.unit.id, "Trần Thị Bích Ngọc", dueOn);
    const overdueMails = (address: string | null) => mailsTo(address).filter((m) => m.subject?.includes("Trần Thị Bích Ngọc"));

    await run(NOW);
    await run(NOW);
    await run(at(3));
    const subject = `Trần Thị Bích Ngọc (Bưu điện xã Gia Viễn) chưa có chứng nhận “${TYPE_NAME}” bắt buộc, hạn ngày ${dmy(dueOn)}`;
    expect(overdueMails(world.unitManager.email).map((m) => m.subject)).toEqual([subject]);
    expect(overdueMails(world.provinceManager.email).map((m) => m.subject)).toEqual([subject]);
    expect(overdueMails(world.otherManager.email)).toEqual([]);
    const first = overdueMails(world.unitManager.email)[0];
    expect(first.text).toContain(`hạn hoàn thành là ngày ${dmy(dueOn)}`);
    expect(first.text).toContain(`${PUBLIC_URL}/people/${person.id}`);

    await run(at(7));
    expect(overdueMails(world.unitManager.email).map((m) => m.subject)).toEqual([subject, `Nhắc lại: ${subject}`]);
    const { items } = await listNotifications(world.unitManager.id);
    const notes = items.filter((n) => n.kind === "OBLIGATION_OVERDUE");
    expect(notes.map((n) => (n.kind === "OBLIGATION_OVERDUE" ? [n.person, n.week, n.personId] : null))).toEqual([
      ["Trần Thị Bích Ngọc", 1, person.id],
      ["Trần Thị Bích Ngọc", 0, person.id],
    ]);

    // Planned for the third week, but the person is certified before it goes out: cancelled, not sent.
    await planEscalations(at(14), { email: true });
    await certify(person.id, addDays(TODAY, 13), addMonths(addDays(TODAY, 13), 24));
    await deliverPending(at(14), transport(), { publicUrl: PUBLIC_URL });
    expect(overdueMails(world.unitManager.email)).toHaveLength(2);
    const third = await getDb().reminderOutbox.findMany({
      where: { subjectPersonId: person.id, kind: "OVERDUE", escalationKey: { endsWith: "/w2" } },
    });
    expect(third.length).toBeGreaterThan(0);
    expect(third.every((r) => r.status === "CANCELLED")).toBe(true);
    await run(at(21));
    expect(overdueMails(world.unitManager.email)).toHaveLength(2);
  });

  it("sends each manager a weekly digest of their own scope, in their language, by email and in the app", async () => {
    const world = await makeWorld();
    const late = await postman(world.unit.id, "Lê Đức Thắng", addDays(TODAY, -5));
    const soon = await postman(world.unit.id, "Hoàng Thị Yến", addDays(TODAY, 10));
    const fine = await postman(world.unit.id, "Bùi Văn Khải", addDays(TODAY, -200));
    await certify(fine.id, addDays(TODAY, -200), addDays(TODAY, 400));
    const lapsed = await postman(world.other.id, "Võ Văn Tám", "2025-01-31");
    await certify(lapsed.id, "2025-01-10", addDays(TODAY, -10));
    await postman(world.other.id, "Kim Văn Phúc", addDays(TODAY, 60)); // due, but not soon: counted, not listed
    await getDb().account.update({ where: { personId: world.otherManager.id }, data: { locale: "en" } });
    const digests = (address: string | null) =>
      mailsTo(address).filter((m) => m.subject?.startsWith("Tổng hợp tuần") || m.subject?.startsWith("Week of"));

    await run(NOW);
    await run(at(2)); // Thursday: the same week, no second digest

    const [unit] = digests(world.unitManager.email);
    expect(digests(world.unitManager.email)).toHaveLength(1);
    expect(unit.subject).toBe("Tổng hợp tuần từ 30/11/2026 đến 06/12/2026: chứng nhận bắt buộc trong đơn vị anh/chị quản lý");
    expect(unit.text).toContain("Quá hạn: 1");
    expect(unit.text).toContain("Cần hoàn thành: 1");
    expect(unit.text).toContain("Đạt: 1");
    expect(unit.text).toContain(`Lê Đức Thắng (Bưu điện xã Gia Viễn) — “${TYPE_NAME}”: Quá hạn, hạn ngày ${dmy(addDays(TODAY, -5))}`);
    expect(unit.text).toContain(`${PUBLIC_URL}/people/${late.id}`);
    expect(unit.text).toContain(
      `Hoàng Thị Yến (Bưu điện xã Gia Viễn) — “${TYPE_NAME}”: Cần hoàn thành, hạn ngày ${dmy(addDays(TODAY, 10))}`,
    );
    expect(unit.text).toContain(`${PUBLIC_URL}/people/${soon.id}`);
    expect(unit.text?.indexOf("Lê Đức Thắng")).toBeLessThan(unit.text?.indexOf("Hoàng Thị Yến") ?? 0);
    for (const outside of ["Võ Văn Tám", "Kim Văn Phúc", "Bùi Văn Khải ("]) expect(unit.text).not.toContain(outside);

    const [other] = digests(world.otherManager.email);
    expect(other.subject).toBe("Week of 30/11/2026 to 06/12/2026: required certifications in the units you manage");
    expect(other.text).toContain(`Võ Văn Tám (Bưu điện xã Nho Quan) — “${TYPE_NAME}”: Expired, due ${dmy(addDays(TODAY, -10))}`);
    expect(other.text).not.toContain("Kim Văn Phúc");
    expect(other.text).not.toContain("Lê Đức Thắng");

    const [province] = digests(world.provinceManager.email);
    const listed = ["Võ Văn Tám", "Lê Đức Thắng", "Hoàng Thị Yến"].map((name) => province.text?.indexOf(name) ?? -1);
    expect(listed.every((i) => i > 0)).toBe(true);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed); // longest overdue first, then the soonest due

    // In the app too, with the same list.
    const { items } = await listNotifications(world.provinceManager.id);
    const digest = items.find((n) => n.kind === "OBLIGATION_DIGEST");
    expect(digest?.kind === "OBLIGATION_DIGEST" ? digest.listed.map((l) => l.person) : null).toEqual([
      "Võ Văn Tám",
      "Lê Đức Thắng",
      "Hoàng Thị Yến",
    ]);
    expect(
      digest?.kind === "OBLIGATION_DIGEST"
        ? [digest.counts.OVERDUE, digest.counts.EXPIRED, digest.counts.DUE, digest.counts.COMPLIANT, digest.dueSoon]
        : null,
    ).toEqual([1, 1, 2, 1, 1]);

    // Next Monday, the next week's digest.
    await run(at(6));
    expect(digests(world.unitManager.email).map((m) => m.subject)).toEqual([
      unit.subject,
      "Tổng hợp tuần từ 07/12/2026 đến 13/12/2026: chứng nhận bắt buộc trong đơn vị anh/chị quản lý",
    ]);
  });

  it("is held by the database too: one row per key, recipient and channel; no escalation without its key", async () => {
    const world = await makeWorld();
    const person = await postman(world.unit.id, "Đinh Văn Sơn", addDays(TODAY, 5));
    const row = {
      kind: "DUE_SOON" as const,
      threshold: 0,
      recipientPersonId: person.id,
      role: "HOLDER" as const,
      channel: "IN_APP" as const,
      nextAttemptAt: NOW,
      createdAt: NOW,
      subjectPersonId: person.id,
      certificationTypeId: typeId,
      escalationKey: `DUE_SOON:${person.id}:${typeId}:${addDays(TODAY, 5)}`,
    };
    await getDb().reminderOutbox.create({ data: row });
    await expect(getDb().reminderOutbox.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
    await expect(getDb().reminderOutbox.create({ data: { ...row, escalationKey: null } })).rejects.toThrow(/reminder_outbox_kind_check/);
    await expect(getDb().reminderOutbox.create({ data: { ...row, escalationKey: "x", subjectPersonId: null } })).rejects.toThrow(
      /reminder_outbox_kind_check/,
    );
    // The planner finds the row already there and adds nothing.
    await planEscalations(NOW, { email: false });
    expect(await getDb().reminderOutbox.count({ where: { subjectPersonId: person.id, kind: "DUE_SOON" } })).toBe(1);
  });
});
