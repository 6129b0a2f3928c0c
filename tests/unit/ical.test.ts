// The hand-written iCalendar writer (app/domain/roster/ical.ts) read back by a
// maintained parser (ical.js): what calendars will read is what we meant.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, writeDutyCalendar, type DutyEvent } from "~/domain/roster/ical.ts";

const NOW = new Date("2026-12-04T09:00:00Z");
const event = (over: Partial<DutyEvent> = {}): DutyEvent => ({
  assignmentId: 41,
  sequence: 0,
  startsAt: new Date("2026-12-07T00:00:00Z"), // 07:00 in Vietnam
  endsAt: new Date("2026-12-07T04:30:00Z"),
  summary: "Trực KT1: Chấp nhận bưu gửi KT1 — Bưu cục KT1 Hạc Thành",
  location: "Bưu cục KT1 Hạc Thành; tầng 1, phòng 2",
  description: "Nhiệm vụ: Chấp nhận bưu gửi KT1.\nChứng nhận: KT1, số 2026-0001, hiệu lực đến 31/12/2027.",
  cancelled: false,
  ...over,
});

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("duty calendar (RFC 5545)", () => {
  it("escapes text and folds long lines at 75 octets without splitting a Vietnamese letter", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const line = `SUMMARY:${"Chấp nhận bưu gửi KT1 ".repeat(10)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  it("parses back: UTC times, stable UID, SEQUENCE, text with separators, CRLF endings", () => {
    const text = writeDutyCalendar({
      name: "Lịch trực KT1 — Lê Văn A",
      now: NOW,
      events: [event(), event({ assignmentId: 42, sequence: 3, cancelled: true })],
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const [a, b] = parse(text);
    expect(a.uid).toBe("duty-41@kt1-academy");
    expect(a.startDate.toJSDate().toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(a.startDate.zone?.tzid).toBe("UTC");
    expect(a.endDate.toJSDate().toISOString()).toBe("2026-12-07T04:30:00.000Z");
    expect(a.summary).toBe(event().summary);
    expect(a.location).toBe(event().location);
    expect(a.description).toBe(event().description);
    expect(a.sequence).toBe(0);
    expect(a.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(b.uid).toBe("duty-42@kt1-academy");
    expect(b.sequence).toBe(3);
    expect(b.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });
});
