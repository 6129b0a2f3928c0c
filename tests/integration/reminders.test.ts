// Expiry reminders end to end: planning and delivery on real PostgreSQL, email
// through nodemailer to a real SMTP server (smtp-server, in process), parsed
// back with mailparser.
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import PgBoss from "pg-boss";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, DAY_MS, dayOf, toDateColumn, type Day } from "~/domain/time/calendar.ts";
import { revokeCertification } from "~/services/exams/certifications.server.ts";
import { unreadCount } from "~/services/notifications.server.ts";
import { deliverPending, MAX_ATTEMPTS } from "~/services/reminders/deliver.server.ts";
import { createMailTransport, type MailTransport } from "~/services/reminders/mailer.server.ts";
import { sendManualReminder } from "~/services/reminders/manual.server.ts";
import { planReminders } from "~/services/reminders/plan.server.ts";
import { requestDelivery, setDeliveryQueue } from "~/services/reminders/queue.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { startReminderJobs } from "../../server/reminder-jobs.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";

// 08:00 in Vietnam on 2 October 2026.
const NOW = new Date("2026-10-02T01:00:00Z");
const TODAY = dayOf(NOW);
const PUBLIC_URL = "https://kt1.example.vn";
const TYPE_NAME = "Nghiệp vụ KT1 — nhân viên bưu điện";
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const dmy = (day: Day) => day.split("-").reverse().join("/");
const uid = () => randomBytes(4).toString("hex").toUpperCase();

// --- a real SMTP server ------------------------------------------------------

type Received = { to: string[]; mail: ParsedMail };
const received: Received[] = [];
/** Address → how many more RCPT TO commands to refuse (451, temporary). */
const refuse = new Map<string, number>();
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const left = refuse.get(address.address) ?? 0;
      if (left > 0) {
        refuse.set(address.address, left - 1);
        return callback(Object.assign(new Error("Hộp thư tạm thời không nhận thư"), { responseCode: 451 }));
      }
      callback();
    },
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
});

afterAll(async () => {
  setDeliveryQueue(null);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function transport(): MailTransport {
  return createMailTransport({ host: "127.0.0.1", port: smtpPort, secure: false, from: "Học viện KT1 <no-reply@kt1.test>" });
}
const mailsTo = (address: string | null) => received.filter((r) => address && r.to.includes(address));

// --- test data ---------------------------------------------------------------

/** A province with two communes; managers on the province, on our commune and on the other one. */
async function makeWorld() {
  const province = await makeUnit({ name: "Bưu điện tỉnh Hưng Yên", kind: "PROVINCE" });
  const unit = await makeUnit({ parentId: province.id, name: "Bưu điện xã Đồng Tâm", kind: "COMMUNE_POST_OFFICE" });
  const other = await makeUnit({ parentId: province.id, name: "Bưu điện xã Phú Thịnh", kind: "COMMUNE_POST_OFFICE" });
  const type = await getDb().certificationType.create({ data: { code: `CT-${uid()}`, name: TYPE_NAME, validityMonths: 24 } });
  const provinceManager = await makePerson({
    unitId: province.id,
    fullName: "Phạm Quốc Huy",
    roles: [{ role: "MANAGER", unitId: province.id }],
  });
  const unitManager = await makePerson({ unitId: unit.id, fullName: "Đỗ Thị Hương", roles: [{ role: "MANAGER", unitId: unit.id }] });
  const otherManager = await makePerson({ unitId: other.id, fullName: "Vũ Minh Đức", roles: [{ role: "MANAGER", unitId: other.id }] });
  return { province, unit, other, type, provinceManager, unitManager, otherManager };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** A certification (recorded in-person training) whose last valid day is `validUntil`. */
async function certify(world: World, personId: number, validUntil: Day, validFrom: Day = addDays(addMonths(validUntil, -24), 1)) {
  const attendance = { id: (await confirmedSessionLine({ personId, certificationTypeId: world.type.id, heldOn: validFrom })).attendanceId };
  return getDb().$transaction(async (tx) => {
    return tx.certification.create({
      data: {
        serial: `KT1-T-${uid()}`,
        verificationCode: `${uid()}${uid()}`.toLowerCase(),
        personId,
        certificationTypeId: world.type.id,
        source: "IN_PERSON",
        issuedAt: new Date(`${validFrom}T03:00:00Z`),
        validFrom: toDateColumn(validFrom),
        validUntil: toDateColumn(validUntil),
        trainingAttendanceId: attendance.id,
      },
    });
  });
}

async function holder(world: World, fullName: string, daysLeft: number, opts: { status?: "ACTIVE" | "LEFT"; unitId?: number } = {}) {
  const person = await makePerson({ unitId: opts.unitId ?? world.unit.id, fullName, status: opts.status });
  const validUntil = addDays(TODAY, daysLeft);
  const cert = await certify(world, person.id, validUntil);
  return { person, cert, validUntil };
}

const rowsOf = (certificationId: number) =>
  getDb().reminderOutbox.findMany({ where: { certificationId }, orderBy: [{ recipientPersonId: "asc" }, { channel: "asc" }] });

async function planAndDeliver(now: Date, mail: MailTransport | null) {
  const planned = await planReminders(now, { email: mail !== null });
  const delivered = await deliverPending(now, mail, { publicUrl: PUBLIC_URL });
  return { planned, delivered };
}

// --- the tests ---------------------------------------------------------------

describe("certification expiry reminders", () => {
  it("emails the holder and each manager above them once per threshold (90, 30, 7 days), in Vietnamese", async () => {
    const world = await makeWorld();
    const h90 = await holder(world, "Nguyễn Văn Hưởng", 90);
    const h30 = await holder(world, "Trần Thị Bích Ngọc", 30);
    const h7 = await holder(world, "Lê Đức Thắng", 7);
    const h0 = await holder(world, "Hoàng Thị Yến", 0); // last valid day: still the 7-day reminder
    const far = await holder(world, "Bùi Văn Khải", 91);

    await planAndDeliver(NOW, transport());

    for (const [h, threshold] of [
      [h90, 90],
      [h30, 30],
      [h7, 7],
      [h0, 7],
    ] as const) {
      const rows = await rowsOf(h.cert.id);
      // Holder + two managers (province and commune), each IN_APP and EMAIL.
      expect(rows.map((r) => [r.recipientPersonId, r.role, r.channel, r.threshold, r.status])).toEqual(
        [
          [h.person.id, "HOLDER", "EMAIL", threshold, "SENT"],
          [h.person.id, "HOLDER", "IN_APP", threshold, "SENT"],
          [world.provinceManager.id, "MANAGER", "EMAIL", threshold, "SENT"],
          [world.provinceManager.id, "MANAGER", "IN_APP", threshold, "SENT"],
          [world.unitManager.id, "MANAGER", "EMAIL", threshold, "SENT"],
          [world.unitManager.id, "MANAGER", "IN_APP", threshold, "SENT"],
        ].sort((a, b) => (a[0] as number) - (b[0] as number) || String(a[2]).localeCompare(String(b[2]))),
      );
      const [mail] = mailsTo(h.person.email);
      expect(mailsTo(h.person.email)).toHaveLength(1);
      expect(mail.mail.subject).toBe(`Chứng nhận “${TYPE_NAME}” của bạn sẽ hết hạn ngày ${dmy(h.validUntil)}`);
      expect(mail.mail.text).toContain(`Kính gửi ${h.person.fullName},`);
      expect(mail.mail.text).toContain(`có hiệu lực đến hết ngày ${dmy(h.validUntil)}`);
      expect(mail.mail.text).toContain(threshold === 7 && h === h0 ? "hết hiệu lực vào cuối ngày hôm nay" : `còn ${threshold} ngày nữa`);
      expect(mail.mail.text).toContain(`${PUBLIC_URL}/exams`);
      expect(mail.mail.html).toContain(`<a href="${PUBLIC_URL}/exams">`);
      expect(mail.mail.html).toContain("đăng ký sát hạch gia hạn");
      expect(mail.mail.from?.text).toContain("no-reply@kt1.test");
    }
    expect(dmy(h90.validUntil)).toBe("31/12/2026");

    // Managers: one email per subordinate, naming the person and the unit.
    for (const manager of [world.provinceManager, world.unitManager]) {
      const mails = mailsTo(manager.email);
      expect(mails.map((m) => m.mail.subject).sort()).toEqual(
        [h90, h30, h7, h0]
          .map((h) => `Chứng nhận “${TYPE_NAME}” của ${h.person.fullName} (Bưu điện xã Đồng Tâm) sẽ hết hạn ngày ${dmy(h.validUntil)}`)
          .sort(),
      );
      expect(mails.find((m) => m.mail.subject?.includes(h30.person.fullName))?.mail.text).toContain(
        `${PUBLIC_URL}/people/${h30.person.id}`,
      );
      const notes = await getDb().notification.findMany({ where: { personId: manager.id, kind: "CERTIFICATION_EXPIRING" } });
      expect(notes).toHaveLength(4);
      expect(await unreadCount(manager.id)).toBe(4);
    }
    // The manager of another commune hears nothing; neither does anyone about the 91-day one.
    expect(mailsTo(world.otherManager.email)).toHaveLength(0);
    expect(await getDb().notification.count({ where: { personId: world.otherManager.id } })).toBe(0);
    expect(await rowsOf(far.cert.id)).toHaveLength(0);
    const [note] = await getDb().notification.findMany({ where: { personId: h30.person.id } });
    expect(note).toMatchObject({ kind: "CERTIFICATION_EXPIRING", createdAt: NOW, readAt: null });
    expect(note.data).toMatchObject({
      role: "HOLDER",
      type: TYPE_NAME,
      validUntil: h30.validUntil,
      daysLeft: 30,
      threshold: 30,
      serial: h30.cert.serial,
    });

    // Running again (later the same day, and the next day) sends nothing twice.
    const before = received.length;
    const again = await planAndDeliver(minutes(60), transport());
    expect(again.planned.created).toBe(0);
    expect(received.length).toBe(before);
    // The next day only the 91-day one is new (now 90 days left): holder and two managers.
    const nextDay = await planAndDeliver(minutes(24 * 60), transport());
    expect(nextDay.planned.created).toBe(6);
    expect(received.length).toBe(before + 3);
    expect(mailsTo(far.person.email)).toHaveLength(1);
    for (const h of [h90, h30, h7, h0]) expect(mailsTo(h.person.email)).toHaveLength(1);
    expect(await getDb().notification.count({ where: { personId: world.unitManager.id } })).toBe(5);

    // 60 days on, the 90-day one is due at 30 (and only that one).
    const later = new Date(NOW.getTime() + 60 * DAY_MS);
    await planAndDeliver(later, transport());
    expect((await rowsOf(h90.cert.id)).filter((r) => r.threshold === 30)).toHaveLength(6);
    expect(mailsTo(h90.person.email).map((m) => m.mail.subject)).toEqual([
      `Chứng nhận “${TYPE_NAME}” của bạn sẽ hết hạn ngày 31/12/2026`,
      `Chứng nhận “${TYPE_NAME}” của bạn sẽ hết hạn ngày 31/12/2026`,
    ]);
    expect(mailsTo(h90.person.email)[1].mail.text).toContain("còn 30 ngày nữa");
    expect((await rowsOf(h30.cert.id)).length).toBe(6); // expired meanwhile: nothing more
  });

  it("never sends twice with concurrent planners and deliverers", async () => {
    const world = await makeWorld();
    const holders = [];
    for (let i = 0; i < 8; i++) holders.push(await holder(world, `Ngô Thị Lụa ${i + 1}`, 7));
    await Promise.all([planReminders(NOW, { email: true }), planReminders(NOW, { email: true }), planReminders(NOW, { email: true })]);
    const [a, b] = await Promise.all([
      deliverPending(NOW, transport(), { publicUrl: PUBLIC_URL }),
      deliverPending(NOW, transport(), { publicUrl: PUBLIC_URL }),
    ]);
    // Other tests' rows may be delivered here too; ours add up to 8 × 3 per channel.
    expect(a.emailed + b.emailed).toBeGreaterThanOrEqual(24);
    for (const h of holders) {
      expect(mailsTo(h.person.email)).toHaveLength(1);
      expect(await getDb().notification.count({ where: { personId: h.person.id } })).toBe(1);
      expect(await rowsOf(h.cert.id)).toHaveLength(6);
    }
    expect(mailsTo(world.unitManager.email)).toHaveLength(8);
    expect(mailsTo(world.provinceManager.email)).toHaveLength(8);
    expect(await getDb().notification.count({ where: { personId: world.unitManager.id } })).toBe(8);
  });

  it("retries an SMTP failure later and then sends exactly once; gives up after five attempts", async () => {
    const world = await makeWorld();
    const flaky = await holder(world, "Đinh Thị Thu", 30);
    const dead = await holder(world, "Cao Văn Lâm", 30);
    refuse.set(flaky.person.email as string, 1);
    refuse.set(dead.person.email as string, 100);

    const first = await planAndDeliver(NOW, transport());
    expect(first.delivered.retrying).toBeGreaterThanOrEqual(2);
    const flakyRow = () =>
      getDb().reminderOutbox.findFirstOrThrow({
        where: { certificationId: flaky.cert.id, recipientPersonId: flaky.person.id, channel: "EMAIL" },
      });
    expect(await flakyRow()).toMatchObject({ status: "PENDING", attempts: 1, nextAttemptAt: minutes(5) });
    expect((await flakyRow()).lastError).toMatch(/451/);
    expect(first.delivered.nextRetryAt?.getTime()).toBeLessThanOrEqual(minutes(5).getTime());
    expect(mailsTo(flaky.person.email)).toHaveLength(0);
    // The in-app reminder does not wait for the email.
    expect(await getDb().notification.count({ where: { personId: flaky.person.id } })).toBe(1);

    await deliverPending(minutes(1), transport(), { publicUrl: PUBLIC_URL }); // backoff: not yet
    expect((await flakyRow()).attempts).toBe(1);
    await deliverPending(minutes(5), transport(), { publicUrl: PUBLIC_URL });
    expect(await flakyRow()).toMatchObject({ status: "SENT", attempts: 2, sentAt: minutes(5), lastError: null });
    await planAndDeliver(minutes(120), transport());
    expect(mailsTo(flaky.person.email)).toHaveLength(1);

    // 5, 10, 20, 40 minutes apart, then FAILED; never delivered, never retried again.
    const deadRow = () =>
      getDb().reminderOutbox.findFirstOrThrow({
        where: { certificationId: dead.cert.id, recipientPersonId: dead.person.id, channel: "EMAIL" },
      });
    for (const at of [minutes(200), minutes(300), minutes(400), minutes(500)])
      await deliverPending(at, transport(), { publicUrl: PUBLIC_URL });
    expect(await deadRow()).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    await deliverPending(minutes(1000), transport(), { publicUrl: PUBLIC_URL });
    expect((await deadRow()).attempts).toBe(MAX_ATTEMPTS);
    expect(mailsTo(dead.person.email)).toHaveLength(0);
    expect(await getDb().notification.count({ where: { personId: dead.person.id } })).toBe(1);
    refuse.clear();
  });

  it("keeps reminders in the app only when SMTP is not configured", async () => {
    const world = await makeWorld();
    const h = await holder(world, "Mai Thị Hạnh", 7);
    // No SMTP_HOST in the test environment: the defaults read it.
    await planReminders(NOW);
    await deliverPending(NOW, null);
    const rows = await rowsOf(h.cert.id);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ["IN_APP", "SENT"],
      ["IN_APP", "SENT"],
      ["IN_APP", "SENT"],
    ]);
    expect(mailsTo(h.person.email)).toHaveLength(0);
    expect(mailsTo(world.unitManager.email)).toHaveLength(0);
    expect(await unreadCount(h.person.id)).toBe(1);
    expect(await unreadCount(world.unitManager.id)).toBe(1);
  });

  it("skips revoked and renewed certifications, people who left and managers who left; one reminder for a holder who is also a manager", async () => {
    const world = await makeWorld();
    const revoked = await holder(world, "Tạ Văn Sơn", 30);
    await getDb().$transaction((tx) => revokeCertification(tx, revoked.cert.id, "Vi phạm quy trình khai thác", world.unitManager.id, NOW));
    const left = await holder(world, "Lý Thị Mận", 30, { status: "LEFT" });
    const renewed = await holder(world, "Châu Văn Tài", 30);
    await certify(world, renewed.person.id, addDays(renewed.validUntil, 730), addDays(renewed.validUntil, 1));
    const managerHolder = await makePerson({
      unitId: world.unit.id,
      fullName: "Kiều Văn Bảo",
      roles: [{ role: "MANAGER", unitId: world.unit.id }],
    });
    const own = await certify(world, managerHolder.id, addDays(TODAY, 30));
    const formerManager = await makePerson({
      unitId: world.unit.id,
      fullName: "Lưu Thị Nga",
      roles: [{ role: "MANAGER", unitId: world.unit.id }],
      status: "LEFT",
    });

    await planAndDeliver(NOW, transport());
    expect(await rowsOf(revoked.cert.id)).toHaveLength(0);
    expect(await rowsOf(left.cert.id)).toHaveLength(0);
    expect(await rowsOf(renewed.cert.id)).toHaveLength(0);
    for (const p of [revoked.person, left.person, renewed.person]) expect(mailsTo(p.email)).toHaveLength(0);
    expect(await getDb().reminderOutbox.count({ where: { recipientPersonId: formerManager.id } })).toBe(0);
    const ownRows = await getDb().reminderOutbox.findMany({ where: { certificationId: own.id, recipientPersonId: managerHolder.id } });
    expect(ownRows.map((r) => r.role)).toEqual(["HOLDER", "HOLDER"]);
    expect(mailsTo(managerHolder.email).filter((m) => m.mail.subject?.includes("của bạn"))).toHaveLength(1);

    // Revoked after planning, before delivery: cancelled, not sent.
    const late = await holder(world, "Quách Thị Duyên", 7);
    await planReminders(NOW, { email: true });
    await getDb().$transaction((tx) => revokeCertification(tx, late.cert.id, "Thu hồi sau khi lập kế hoạch", world.unitManager.id, NOW));
    await deliverPending(NOW, transport(), { publicUrl: PUBLIC_URL });
    const lateRows = await rowsOf(late.cert.id);
    expect(lateRows.length).toBe(8); // holder, province, commune and the manager-holder above
    expect(new Set(lateRows.map((r) => r.status))).toEqual(new Set(["CANCELLED"]));
    expect(lateRows[0].lastError).toBe("certification revoked");
    expect(mailsTo(late.person.email)).toHaveLength(0);
    expect(await getDb().notification.count({ where: { personId: late.person.id } })).toBe(0);
  });

  it("sends a reminder by hand once (a double submit is one reminder), audited", async () => {
    const world = await makeWorld();
    const h = await holder(world, "Phan Thị Diệu Linh", 200); // not due automatically
    const key = randomUUID();
    const input = { personId: h.person.id, certificationId: h.cert.id, key, actorId: world.unitManager.id, email: true };
    const first = await sendManualReminder(input, NOW);
    expect(first).toMatchObject({ ok: true, value: { duplicate: false } });
    const second = await sendManualReminder(input, NOW);
    expect(second).toEqual({ ok: true, value: { ids: [], duplicate: true } });

    // The app hands delivery to the job queue when one is registered.
    let queued: number[] = [];
    setDeliveryQueue(async (ids) => {
      queued = ids;
      await deliverPending(NOW, transport(), { ids, publicUrl: PUBLIC_URL });
    });
    expect(await requestDelivery(first.ok ? first.value.ids : [], NOW)).toBe("queued");
    setDeliveryQueue(null);
    expect(queued).toHaveLength(2);
    await planAndDeliver(minutes(10), transport());

    const mails = mailsTo(h.person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].mail.subject).toBe(`Chứng nhận “${TYPE_NAME}” của bạn sẽ hết hạn ngày ${dmy(h.validUntil)}`);
    expect(mails[0].mail.text).toContain("Đỗ Thị Hương gửi lời nhắc gia hạn chứng nhận này tới bạn.");
    expect(mails[0].mail.text).toContain("còn 200 ngày nữa");
    const rows = await rowsOf(h.cert.id);
    expect(rows.map((r) => [r.channel, r.threshold, r.manual, r.manualKey, r.requestedById, r.status])).toEqual([
      ["EMAIL", 0, true, key, world.unitManager.id, "SENT"],
      ["IN_APP", 0, true, key, world.unitManager.id, "SENT"],
    ]);
    const [note] = await getDb().notification.findMany({ where: { personId: h.person.id } });
    expect(note.data).toMatchObject({ manual: true, requestedBy: "Đỗ Thị Hương", role: "HOLDER" });
    // Only the holder is reminded by hand, not their managers.
    expect(await getDb().notification.count({ where: { personId: world.provinceManager.id } })).toBe(0);
    const audits = await getDb().auditEntry.findMany({ where: { action: "reminder.manual", targetId: String(h.cert.id) } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: world.unitManager.id, unitId: world.unit.id, targetType: "certification" });

    // Refused: someone else's certification, a revoked one.
    const stranger = await holder(world, "Võ Văn Tám", 200);
    expect(await sendManualReminder({ ...input, certificationId: stranger.cert.id, key: randomUUID() }, NOW)).toEqual({
      ok: false,
      code: "notFound",
    });
    await getDb().$transaction((tx) => revokeCertification(tx, stranger.cert.id, "Vi phạm quy trình khai thác", world.unitManager.id, NOW));
    expect(
      await sendManualReminder({ ...input, personId: stranger.person.id, certificationId: stranger.cert.id, key: randomUUID() }, NOW),
    ).toEqual({
      ok: false,
      code: "notValid",
    });
  });

  it("runs from pg-boss: the daily schedule at 07:00 Vietnam time, the daily job and hand-sent deliveries", async () => {
    const world = await makeWorld();
    const now = new Date();
    const person = await makePerson({ unitId: world.unit.id, fullName: "Hà Thị Xuân" });
    const cert = await certify(world, person.id, addDays(dayOf(now), 30));
    const manual = await holder(world, "Kim Văn Phúc", 300);
    const url = process.env.DATABASE_URL as string;
    const stop = await startReminderJobs(url, pino({ level: "silent" }));
    const client = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false });
    try {
      const schedules = await getDb().$queryRaw<
        { name: string; cron: string; timezone: string }[]
      >`select name, cron, timezone from pgboss.schedule order by name`;
      // Delivery also runs every 5 minutes: duty notices' emails are queued by a trigger on any path (decision 065).
      expect(schedules).toEqual([
        { name: "reminders-daily", cron: "0 7 * * *", timezone: "Asia/Ho_Chi_Minh" },
        { name: "reminders-deliver", cron: "*/5 * * * *", timezone: "Asia/Ho_Chi_Minh" },
      ]);

      await client.start();
      await client.send("reminders-daily", {});
      const outcome = await sendManualReminder(
        { personId: manual.person.id, certificationId: manual.cert.id, key: randomUUID(), actorId: world.unitManager.id },
        now,
      );
      expect(outcome.ok).toBe(true);
      expect(await requestDelivery(outcome.ok ? outcome.value.ids : [], now)).toBe("queued");

      const deadline = Date.now() + 20_000;
      const sent = async () =>
        (await getDb().notification.count({ where: { personId: person.id } })) === 1 &&
        (await getDb().notification.count({ where: { personId: manual.person.id } })) === 1;
      while (!(await sent()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await sent()).toBe(true);
      // No SMTP in the test environment: in-app rows only.
      expect((await rowsOf(cert.id)).map((r) => [r.channel, r.threshold, r.status])).toEqual([
        ["IN_APP", 30, "SENT"],
        ["IN_APP", 30, "SENT"],
        ["IN_APP", 30, "SENT"],
      ]);
    } finally {
      await client.stop({ graceful: false });
      await stop(2_000);
    }
    // The app falls back to delivering inline once the queue is gone.
    const after = await sendManualReminder(
      { personId: manual.person.id, certificationId: manual.cert.id, key: randomUUID(), actorId: world.unitManager.id },
      new Date(),
    );
    expect(await requestDelivery(after.ok ? after.value.ids : [], new Date())).toBe("delivered");
    expect(await getDb().notification.count({ where: { personId: manual.person.id } })).toBe(2);
  }, 60_000);
});
