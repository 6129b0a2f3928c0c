// A notice about one of a person's own duties (decision 065): the facts the
// assignments trigger stores (the notification's data, the outbox row's data),
// checked on the way out, and the email laid out by the one reminder layout.
import { z } from "zod";
import { dayOf, timeOf } from "~/domain/time/calendar.ts";
import { dmy, renderMail, type Para, type ReminderMail } from "~/domain/reminders/messages.ts";
import { translate, type Locale, type MessageKey, type Params } from "~/i18n/index.ts";

export const DUTY_CHANGES = ["ASSIGNED", "CHANGED", "CANCELLED"] as const;

export const dutyNoticeSchema = z.object({
  assignmentId: z.number().int(),
  shiftId: z.number().int(),
  sequence: z.number().int(),
  change: z.enum(DUTY_CHANGES),
  station: z.string(),
  duty: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  reason: z.string().nullish(),
});
export type DutyNotice = z.infer<typeof dutyNoticeSchema>;

/** "07/12/2026 08:00" in Vietnam time. */
export function vnDateTime(iso: string): string {
  const at = new Date(iso);
  return `${dmy(dayOf(at))} ${timeOf(at)}`;
}

/** The words of a cancellation reason the database writes (CERTIFICATION_REVOKED, …), or the manager's own text. */
export function reasonKeyOf(reason: string): MessageKey | null {
  const key = `duties.reason.${reason}`;
  return ["CERTIFICATION_REVOKED", "PERSON_LEFT", "REQUIREMENT_LOST", "SWAP"].includes(reason) ? (key as MessageKey) : null;
}

export function composeDutyMail(f: DutyNotice & { locale: Locale; recipientName: string; publicUrl: string | null }): ReminderMail {
  const t = (key: MessageKey, params?: Params) => translate(f.locale, key, params);
  const facts = { duty: f.duty, station: f.station, start: vnDateTime(f.startsAt), end: vnDateTime(f.endsAt) };
  const paras: Para[] = [{ text: t(`mail.duty.body.${f.change}`, facts) }];
  if (f.change === "CANCELLED" && f.reason) {
    const key = reasonKeyOf(f.reason);
    paras.push({ text: t("notif.duty.reason", { reason: key ? t(key) : f.reason }) });
  }
  paras.push(
    f.publicUrl
      ? { text: t("mail.duty.link"), link: { label: `${f.publicUrl}/duties`, href: `${f.publicUrl}/duties` } }
      : { text: t("mail.duty.menu") },
  );
  return renderMail(f.locale, t(`mail.duty.subject.${f.change}`, facts), t("mail.reminder.greeting", { name: f.recipientName }), paras);
}
