// A person's duties as an iCalendar document (RFC 5545), written by hand: the
// format is small, and a library would bring more than the few lines below.
// Times are UTC ("Z"), so every calendar shows them in its own time zone
// without a VTIMEZONE; UIDs are the assignment's, so a calendar updates an event
// instead of adding a second; SEQUENCE is the assignment's (raised by the
// database on every change); a cancelled duty stays, with STATUS:CANCELLED.
// Tests parse the output with ical.js (tests/unit/ical.test.ts).

export type DutyEvent = {
  assignmentId: number;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
};

export type DutyCalendar = { name: string; events: readonly DutyEvent[]; now: Date };

const CRLF = "\r\n";
/** Lines are folded at 75 octets (RFC 5545 §3.1). */
const LINE_OCTETS = 75;

/** A TEXT value with backslash, semicolon, comma and line breaks escaped (§3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    // Continuation lines begin with one space, which counts towards their 75.
    if (octets + size > LINE_OCTETS) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** A UTC DATE-TIME, e.g. 20261207T010000Z. */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function dutyUid(assignmentId: number): string {
  return `duty-${assignmentId}@kt1-academy`;
}

function eventLines(e: DutyEvent, now: Date): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${dutyUid(e.assignmentId)}`,
    `DTSTAMP:${utcStamp(now)}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTART:${utcStamp(e.startsAt)}`,
    `DTEND:${utcStamp(e.endsAt)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `LOCATION:${escapeText(e.location)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `TRANSP:${e.cancelled ? "TRANSPARENT" : "OPAQUE"}`,
    "END:VEVENT",
  ];
}

/** The whole document, CRLF line endings, folded. */
export function writeDutyCalendar(cal: DutyCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//KT1 Academy//Lich truc KT1//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    // Ask subscribers to look again every hour (Google and Apple read these).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
    ...cal.events.flatMap((e) => eventLines(e, cal.now)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
