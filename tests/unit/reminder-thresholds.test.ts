import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/time/calendar.ts";
import { mayRemind } from "~/domain/reminders/access.ts";
import { composeReminder, dmy, reminderSubject } from "~/domain/reminders/messages.ts";
import { daysLeft, dueThreshold } from "~/domain/reminders/thresholds.ts";

const today = "2026-10-02";
const due = (left: number) => dueThreshold(today, addDays(today, left));

describe("expiry reminder thresholds", () => {
  it("counts whole Vietnam days, 0 on the last valid day", () => {
    expect(daysLeft(today, today)).toBe(0);
    expect(daysLeft(today, "2026-12-31")).toBe(90);
    expect(daysLeft("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysLeft(today, "2026-10-01")).toBe(-1);
  });

  it("is due exactly at each threshold", () => {
    expect(due(90)).toBe(90);
    expect(due(30)).toBe(30);
    expect(due(7)).toBe(7);
  });

  it("keeps a threshold due until the next smaller one, so a missed day still sends it", () => {
    expect(due(89)).toBe(90);
    expect(due(31)).toBe(90);
    expect(due(29)).toBe(30);
    expect(due(8)).toBe(30);
    expect(due(6)).toBe(7);
    expect(due(1)).toBe(7);
  });

  it("sends the smallest one down to the last valid day, and nothing once expired", () => {
    expect(due(0)).toBe(7);
    expect(due(-1)).toBeNull();
    expect(due(-400)).toBeNull();
  });

  it("is not due before 90 days", () => {
    expect(due(91)).toBeNull();
    expect(due(730)).toBeNull();
  });

  it("works across month and year ends (no time-zone drift)", () => {
    expect(dueThreshold("2026-12-25", "2027-01-01")).toBe(7);
    expect(dueThreshold("2028-02-28", "2028-03-01")).toBe(7); // leap year: 2 days
    expect(daysLeft("2028-02-28", "2028-03-01")).toBe(2);
  });
});

describe("reminder email wording", () => {
  const facts = {
    role: "HOLDER" as const,
    recipientName: "Trần Thị Bích",
    holderId: 12,
    holderName: "Trần Thị Bích",
    unitName: "Bưu điện xã Đồng Tâm",
    typeName: "Nghiệp vụ KT1 — nhân viên bưu điện",
    serial: "KT1-2025-000042",
    validUntil: "2026-12-31",
    daysLeft: 30,
    requestedBy: null,
    publicUrl: "https://kt1.example.vn",
  };

  it("writes dates as dd/mm/yyyy", () => {
    expect(dmy("2026-01-05")).toBe("05/01/2026");
  });

  it("names the certification and date in the subject, with diacritics", () => {
    expect(reminderSubject(facts)).toBe("Chứng nhận “Nghiệp vụ KT1 — nhân viên bưu điện” của bạn sẽ hết hạn ngày 31/12/2026");
    expect(reminderSubject({ ...facts, role: "MANAGER" })).toBe(
      "Chứng nhận “Nghiệp vụ KT1 — nhân viên bưu điện” của Trần Thị Bích (Bưu điện xã Đồng Tâm) sẽ hết hạn ngày 31/12/2026",
    );
  });

  it("links to the exams page and escapes HTML", () => {
    const mail = composeReminder({ ...facts, typeName: "A <b> & “B”" });
    expect(mail.text).toContain("https://kt1.example.vn/exams");
    expect(mail.text).toContain("còn 30 ngày nữa");
    expect(mail.html).toContain('<a href="https://kt1.example.vn/exams">');
    expect(mail.html).toContain("A &lt;b&gt; &amp; “B”");
    expect(mail.html).not.toContain("<b>");
  });

  it("says so on the last day", () => {
    expect(composeReminder({ ...facts, daysLeft: 0 }).text).toContain("hết hiệu lực vào cuối ngày hôm nay");
  });
});

describe("who may send a reminder by hand", () => {
  const path = [1, 4, 9]; // province 1 → commune 4 → station 9
  it("a manager or admin whose grant covers the unit", () => {
    expect(mayRemind([{ role: "MANAGER", unitId: 4 }], path)).toBe(true);
    expect(mayRemind([{ role: "ADMIN", unitId: 1 }], path)).toBe(true);
  });
  it("not a manager of another subtree, nor trainers, auditors or learners", () => {
    expect(mayRemind([{ role: "MANAGER", unitId: 5 }], path)).toBe(false);
    expect(
      mayRemind(
        [
          { role: "TRAINER", unitId: 1 },
          { role: "AUDITOR", unitId: 1 },
          { role: "LEARNER", unitId: 9 },
        ],
        path,
      ),
    ).toBe(false);
  });
});
