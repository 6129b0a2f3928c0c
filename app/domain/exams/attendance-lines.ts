// The attendance list of an in-person training session, typed (or pasted from
// Excel) one person per line: "TH0012;85" (present, paper score 85) or
// "TH0013;vắng" (absent). Only the shape is checked here; whether the codes
// exist is for the caller, which knows the database.

export const MAX_ATTENDEES = 500;

export type AttendanceLine = { line: number; raw: string; code: string; attended: boolean; score: number | null };

export type LineProblem =
  | { line: number; raw: string; reason: "format" | "noScore" }
  | { line: number; raw: string; reason: "score"; score: string }
  | { line: number; raw: string; reason: "duplicate"; code: string; first: number }
  | { line: number; raw: string; reason: "unknown"; code: string }
  /** The recorder's own line: nobody records a result for themself (decision 029). */
  | { line: number; raw: string; reason: "self"; code: string }
  | { line: number; raw: string; reason: "left"; code: string; name: string };

const CODE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;
const ABSENT = new Set(["vắng", "vang", "v", "absent", "-"]);

export function parseAttendanceLines(text: string): { lines: AttendanceLine[]; problems: LineProblem[] } {
  const lines: AttendanceLine[] = [];
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const raw = rawLine.normalize("NFC").trim();
    if (raw === "") return;
    const fields = raw.split(/[;,\t]/).map((f) => f.trim());
    if (fields.length > 2 && fields.slice(2).some((f) => f !== "")) return void problems.push({ line, raw, reason: "format" });
    const code = fields[0].toUpperCase();
    if (!CODE.test(code)) return void problems.push({ line, raw, reason: "format" });
    const first = seen.get(code);
    if (first !== undefined) return void problems.push({ line, raw, reason: "duplicate", code, first });
    seen.set(code, line);
    const mark = (fields[1] ?? "").toLowerCase();
    if (mark === "") return void problems.push({ line, raw, reason: "noScore" });
    if (ABSENT.has(mark)) return void lines.push({ line, raw, code, attended: false, score: null });
    const score = /^\d{1,3}$/.test(mark) ? Number(mark) : NaN;
    if (!(score >= 0 && score <= 100)) return void problems.push({ line, raw, reason: "score", score: fields[1] });
    lines.push({ line, raw, code, attended: true, score });
  });
  return { lines, problems };
}

/** Whether an attendee earns the certification: present and at or above the pass mark. */
export function passes(a: { attended: boolean; score: number | null }, passPercent: number) {
  return a.attended && a.score !== null && a.score >= passPercent;
}
