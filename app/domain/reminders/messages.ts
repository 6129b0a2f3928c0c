// The expiry reminder email, in Vietnamese (plain text and simple HTML). Pure:
// the deliverer gathers the facts, this only lays them out; the words are
// "mail.reminder.*" in app/i18n/reminder-mail.ts.
import type { Day } from "~/domain/time/calendar.ts";
import { translate, type Locale, type MessageKey, type Params } from "~/i18n/index.ts";

const vi = (key: MessageKey, params?: Params) => translate("vi", key, params);

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
  return vi(`mail.reminder.subject.${f.role}`, { type: f.typeName, holder: f.holderName, unit: f.unitName, date: dmy(f.validUntil) });
}

function remaining(daysLeft: number) {
  return daysLeft <= 0 ? vi("mail.reminder.remaining.today") : vi("mail.reminder.remaining.days", { days: daysLeft });
}

export type Para = { text: string; link?: { label: string; href: string } };

export function composeReminder(f: ReminderFacts): ReminderMail {
  const date = dmy(f.validUntil);
  const exams = f.publicUrl ? `${f.publicUrl}/exams` : null;
  const paras: Para[] = [];
  const facts = { type: f.typeName, serial: f.serial, holder: f.holderName, unit: f.unitName, date, remaining: remaining(f.daysLeft) };
  if (f.requestedBy) paras.push({ text: vi("mail.reminder.requestedBy", { name: f.requestedBy }) });
  if (f.role === "HOLDER") {
    paras.push({ text: vi("mail.reminder.HOLDER.validity", facts) });
    paras.push({ text: vi("mail.reminder.HOLDER.renew") });
    paras.push(
      exams
        ? { text: vi("mail.reminder.HOLDER.examsLink"), link: { label: exams, href: exams } }
        : { text: vi("mail.reminder.HOLDER.examsMenu") },
    );
  } else {
    paras.push({ text: vi("mail.reminder.MANAGER.validity", facts) });
    paras.push({ text: vi("mail.reminder.MANAGER.remind") });
    if (exams) paras.push({ text: vi("mail.reminder.MANAGER.examsLink"), link: { label: exams, href: exams } });
    if (f.publicUrl) {
      const href = `${f.publicUrl}/people/${f.holderId}`;
      paras.push({ text: vi("mail.reminder.MANAGER.profileLink"), link: { label: href, href } });
    }
  }
  return renderMail("vi", reminderSubject(f), vi("mail.reminder.greeting", { name: f.recipientName }), paras);
}

/** The one layout of every reminder email: greeting, paragraphs (a link after its text), footer; plain text and HTML. */
export function renderMail(locale: Locale, subject: string, greeting: string, paras: readonly Para[]): ReminderMail {
  const footer = translate(locale, "mail.reminder.footer");
  const text = [greeting, ...paras.map((p) => (p.link ? `${p.text}\n${p.link.href}` : p.text)), "--", footer].join("\n\n") + "\n";
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...paras.map((p) =>
      p.link
        ? `<p>${escapeHtml(p.text)} <a href="${escapeHtml(p.link.href)}">${escapeHtml(p.link.label)}</a></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
    ),
    `<p style="color: #666; font-size: 0.9em">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}
