// The expiry reminder email, in Vietnamese (plain text and simple HTML). Pure:
// the deliverer gathers the facts, this only words them.
import type { Day } from "~/domain/time/calendar.ts";

export type ReminderFacts = {
  role: "HOLDER" | "MANAGER";
  recipientName: string;
  holderId: number;
  holderName: string;
  unitName: string;
  typeName: string;
  serial: string;
  validUntil: Day;
  /** Whole days left today (0: expires at the end of today). */
  daysLeft: number;
  /** Sent by hand: who asked. */
  requestedBy: string | null;
  /** Where the app is reached, without a trailing slash; null when unknown. */
  publicUrl: string | null;
};

export type ReminderMail = { subject: string; text: string; html: string };

/** "2026-12-31" → "31/12/2026". */
export function dmy(day: Day): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function reminderSubject(f: Pick<ReminderFacts, "role" | "typeName" | "holderName" | "unitName" | "validUntil">): string {
  const whose = f.role === "HOLDER" ? "của bạn" : `của ${f.holderName} (${f.unitName})`;
  return `Chứng nhận “${f.typeName}” ${whose} sẽ hết hạn ngày ${dmy(f.validUntil)}`;
}

function remaining(daysLeft: number) {
  return daysLeft <= 0 ? "hết hiệu lực vào cuối ngày hôm nay" : `còn ${daysLeft} ngày nữa`;
}

type Para = { text: string; link?: { label: string; href: string } };

export function composeReminder(f: ReminderFacts): ReminderMail {
  const date = dmy(f.validUntil);
  const exams = f.publicUrl ? `${f.publicUrl}/exams` : null;
  const paras: Para[] = [];
  if (f.requestedBy) paras.push({ text: `${f.requestedBy} gửi lời nhắc gia hạn chứng nhận này tới bạn.` });
  if (f.role === "HOLDER") {
    paras.push({ text: `Chứng nhận “${f.typeName}” (số hiệu ${f.serial}) của bạn có hiệu lực đến hết ngày ${date} — ${remaining(f.daysLeft)}.` });
    paras.push({ text: "Để tiếp tục được phân công các ca trực cần chứng nhận này, bạn hãy đăng ký sát hạch gia hạn trước ngày hết hạn." });
    paras.push(exams ? { text: "Vào trang sát hạch:", link: { label: exams, href: exams } } : { text: "Vào mục “Sát hạch” trên Học viện KT1 để đăng ký." });
  } else {
    paras.push({ text: `Chứng nhận “${f.typeName}” (số hiệu ${f.serial}) của ${f.holderName}, ${f.unitName}, có hiệu lực đến hết ngày ${date} — ${remaining(f.daysLeft)}.` });
    paras.push({ text: "Đề nghị anh/chị nhắc nhân sự này dự sát hạch gia hạn trước ngày hết hạn; sau ngày đó, nhân sự không được phân công các ca trực cần chứng nhận này." });
    if (exams) paras.push({ text: "Trang sát hạch:", link: { label: exams, href: exams } });
    if (f.publicUrl) {
      const href = `${f.publicUrl}/people/${f.holderId}`;
      paras.push({ text: "Hồ sơ nhân sự:", link: { label: href, href } });
    }
  }
  const footer = "Thư này được gửi tự động từ Học viện KT1, vui lòng không trả lời.";
  const greeting = `Kính gửi ${f.recipientName},`;
  const text = [greeting, ...paras.map((p) => (p.link ? `${p.text}\n${p.link.href}` : p.text)), "--", footer].join("\n\n") + "\n";
  const html = [
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(reminderSubject(f))}</title></head>`,
    `<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...paras.map((p) =>
      p.link ? `<p>${escapeHtml(p.text)} <a href="${escapeHtml(p.link.href)}">${escapeHtml(p.link.label)}</a></p>` : `<p>${escapeHtml(p.text)}</p>`,
    ),
    `<p style="color: #666; font-size: 0.9em">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: reminderSubject(f), text, html };
}
