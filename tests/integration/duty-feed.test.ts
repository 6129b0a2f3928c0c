// A person follows their own duties (decision 065): every change of a duty —
// booked on a page, moved by raw SQL, cancelled by a revocation — reaches its
// holder once in the app and once by email, and their secret calendar feed
// shows it with a stable UID, a rising SEQUENCE and STATUS:CANCELLED.
import ICAL from "ical.js";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { HOUR_MS } from "~/domain/time/calendar.ts";
import { lockCertificationForChange, revokeCertification } from "~/services/exams/certifications.server.ts";
import { deliverPending } from "~/services/reminders/deliver.server.ts";
import type { MailTransport } from "~/services/reminders/mailer.server.ts";
import { assignToShift } from "~/services/roster/assignments.server.ts";
import { calendarForToken, issueFeed, revokeFeed } from "~/services/roster/duty-feed.server.ts";
import { listNotifications } from "~/services/notifications.server.ts";
import { auditedTransaction } from "~/services/audit.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const page = { personId: null, apiTokenId: null, path: "PAGE" as const };
// Far enough ahead that the duty has not ended whatever day the tests run.
const START = new Date("2027-03-08T00:00:00Z");

async function asApp(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

function events(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

async function dutyNotices(personId: number) {
  const { items } = await listNotifications(personId);
  return items.flatMap((n) => (n.kind === "DUTY_CHANGE" ? [n] : [])).reverse();
}

describe("a person's duty notices and calendar feed", () => {
  it("tells the holder of a new, moved and revocation-cancelled duty once each, in the app, by email and in the feed", async () => {
    const world = await makeRosterWorld();
    const { person, cert } = await makeQualifiedPerson(world);
    const shift = await makeShift(world, START, 4, 2);
    const booked = await assignToShift(shift.id, person.id, page, new Date());
    expect(booked.ok).toBe(true);
    const assignmentId = booked.ok ? booked.value.assignmentId : 0;

    const token = await issueFeed(person.id, new Date());
    const stored = await getDb().dutyFeed.findUniqueOrThrow({ where: { personId: person.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    let [event] = events((await calendarForToken(`${token}.ics`, new Date())) as string);
    expect(event.uid).toBe(`duty-${assignmentId}@kt1-academy`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe(START.toISOString());
    expect(event.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.summary).toContain("Khai thác KT1 (thử)");

    // Moved by raw SQL as the app's role: the database tells the holder all the same.
    const moved = new Date(START.getTime() + HOUR_MS);
    await asApp(`update shifts set starts_at = $1 where id = $2`, [moved, shift.id]);
    [event] = events((await calendarForToken(token, new Date())) as string);
    expect(event.uid).toBe(`duty-${assignmentId}@kt1-academy`);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe(moved.toISOString());

    // A revocation cancels the duty (the trigger's cascade): the holder hears of it too.
    await auditedTransaction(async (tx) => {
      await lockCertificationForChange(tx, cert.id);
      await revokeCertification(tx, cert.id, "Vi phạm quy trình (thử)", null, new Date());
    });
    [event] = events((await calendarForToken(token, new Date())) as string);
    expect(event.sequence).toBe(2);
    expect(event.component.getFirstPropertyValue("status")).toBe("CANCELLED");

    const notices = await dutyNotices(person.id);
    expect(notices.map((n) => [n.change, n.sequence, n.assignmentId])).toEqual([
      ["ASSIGNED", 0, assignmentId],
      ["CHANGED", 1, assignmentId],
      ["CANCELLED", 2, assignmentId],
    ]);
    expect(notices[2].reason).toBe("CERTIFICATION_REVOKED");

    // Email through the outbox: one message per change, and never a second one.
    const sent: { to: unknown; subject: string; text: string }[] = [];
    const transport = {
      sendMail: async (m: { to: unknown; subject: string; text: string }) => void sent.push(m),
    } as unknown as MailTransport;
    await deliverPending(new Date(), transport, { publicUrl: "https://kt1.example" });
    const mine = sent.filter((m) => JSON.stringify(m.to).includes(person.email as string));
    expect(mine.map((m) => m.subject.split(":")[0])).toEqual(["Ca trực KT1 mới", "Ca trực KT1 thay đổi", "Ca trực KT1 bị hủy"]);
    expect(mine[2].text).toContain("chứng nhận bị thu hồi");
    expect(mine[0].text).toContain("https://kt1.example/duties");
    await deliverPending(new Date(), transport, { publicUrl: "https://kt1.example" });
    expect(sent.filter((m) => JSON.stringify(m.to).includes(person.email as string))).toHaveLength(3);
    expect(await dutyNotices(person.id)).toHaveLength(3);
  });

  it("answers only the current token: re-issuing and revoking end the old URL; malformed tokens are refused", async () => {
    const world = await makeRosterWorld();
    const { person } = await makeQualifiedPerson(world);
    const first = await issueFeed(person.id, new Date());
    expect(await calendarForToken(first, new Date())).toContain("BEGIN:VCALENDAR");
    const second = await issueFeed(person.id, new Date());
    expect(second).not.toBe(first);
    expect(await calendarForToken(first, new Date())).toBeNull();
    expect(await calendarForToken(second, new Date())).toContain("BEGIN:VCALENDAR");
    expect(await revokeFeed(person.id, new Date())).toBe(true);
    expect(await calendarForToken(second, new Date())).toBeNull();
    expect(await revokeFeed(person.id, new Date())).toBe(false);
    for (const bad of ["", "x", "../../etc/passwd", "A".repeat(40), `${second}x`])
      expect(await calendarForToken(bad, new Date())).toBeNull();
    const actions = await getDb().auditEntry.findMany({
      where: { targetType: "person", targetId: String(person.id), action: { startsWith: "duties.feed." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["duties.feed.issue", "duties.feed.reissue", "duties.feed.revoke"]);
  });
});
