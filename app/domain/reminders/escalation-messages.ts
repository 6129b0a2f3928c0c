// The escalation emails (decision 046), in the recipient's language, laid out by
// the one reminder layout (renderMail). Pure: the deliverer gathers the facts;
// the words are "mail.escalation.*" in app/i18n/escalation.ts.
import { addDays, type Day } from "~/domain/time/calendar.ts";
import type { ObligationStatus } from "~/domain/obligations/status.ts";
import { translate, type Locale, type MessageKey, type Params } from "~/i18n/index.ts";
import { DUE_SOON_DAYS } from "~/domain/dashboard/filters.ts";
import type { DigestCounts } from "./escalation.ts";
import { dmy, renderMail, type Para, type ReminderMail } from "./messages.ts";

export type DigestLine = { personId: number; person: string; unit: string; type: string; status: ObligationStatus; dueOn: Day | null };
/** A digest as planned and stored (the outbox row's data, then the notification's). */
export type DigestData = {
  weekOf: Day;
  asOf: Day;
  counts: DigestCounts;
  total: number;
  dueSoon: number;
  listed: DigestLine[];
  unlisted: number;
};

type Common = { locale: Locale; recipientName: string; publicUrl: string | null };
export type EscalationFacts =
  | (Common & { kind: "DUE_SOON" | "DUE_TODAY"; typeName: string; dueOn: Day; daysLeft: number })
  | (Common & {
      kind: "OVERDUE";
      personId: number;
      personName: string;
      unitName: string;
      typeName: string;
      status: ObligationStatus;
      dueOn: Day;
      week: number;
    })
  | (Common & { kind: "DIGEST"; digest: DigestData });

const STATUS_ORDER: readonly ObligationStatus[] = ["OVERDUE", "EXPIRED", "REVOKED", "DUE", "EXPIRING", "COMPLIANT"];

export function composeEscalation(f: EscalationFacts): ReminderMail {
  const t = (key: MessageKey, params?: Params) => translate(f.locale, key, params);
  const link = (text: string, href: string): Para => ({ text, link: { label: href, href } });
  const paras: Para[] = [];
  let subject: string;
  if (f.kind !== "OVERDUE" && f.kind !== "DIGEST") {
    const facts = { type: f.typeName, date: dmy(f.dueOn), days: f.daysLeft };
    subject = t(`mail.escalation.subject.${f.kind}`, facts);
    paras.push({ text: t(`mail.escalation.${f.kind}.body`, facts) });
    paras.push(
      f.publicUrl ? link(t("mail.escalation.person.next"), `${f.publicUrl}/learn`) : { text: t("mail.escalation.person.nextMenu") },
    );
  } else if (f.kind === "OVERDUE") {
    const facts = { person: f.personName, unit: f.unitName, type: f.typeName, date: dmy(f.dueOn) };
    subject = t(f.week > 0 ? "mail.escalation.subject.OVERDUE.again" : "mail.escalation.subject.OVERDUE", facts);
    const why = f.status === "EXPIRED" || f.status === "REVOKED" ? f.status : "OVERDUE";
    paras.push({ text: t(`mail.escalation.OVERDUE.${why}`, facts) });
    paras.push({ text: t("mail.escalation.OVERDUE.ask") });
    if (f.publicUrl) paras.push(link(t("mail.escalation.profileLink"), `${f.publicUrl}/people/${f.personId}`));
    paras.push({ text: t("mail.escalation.OVERDUE.weekly") });
  } else {
    const d = f.digest;
    subject = t("mail.escalation.subject.DIGEST", { from: dmy(d.weekOf), to: dmy(addDays(d.weekOf, 6)) });
    paras.push({ text: t("mail.escalation.DIGEST.intro", { date: dmy(d.asOf), total: d.total }) });
    paras.push({
      text: STATUS_ORDER.map((s) => t("mail.escalation.DIGEST.count", { status: t(`obligations.status.${s}`), count: d.counts[s] })).join(
        "\n",
      ),
    });
    if (d.listed.length === 0) paras.push({ text: t("mail.escalation.DIGEST.none", { days: DUE_SOON_DAYS }) });
    else {
      paras.push({ text: t("mail.escalation.DIGEST.listTitle", { days: DUE_SOON_DAYS }) });
      for (const l of d.listed) {
        const text = t("mail.escalation.DIGEST.line", {
          person: l.person,
          unit: l.unit,
          type: l.type,
          status: t(`obligations.status.${l.status}`),
          date: l.dueOn ? dmy(l.dueOn) : "—",
        });
        paras.push(f.publicUrl ? link(text, `${f.publicUrl}/people/${l.personId}`) : { text });
      }
      if (d.unlisted > 0) paras.push({ text: t("mail.escalation.DIGEST.more", { count: d.unlisted }) });
    }
    if (f.publicUrl) paras.push(link(t("mail.escalation.DIGEST.dashboardLink"), `${f.publicUrl}/dashboard`));
  }
  return renderMail(f.locale, subject, t("mail.reminder.greeting", { name: f.recipientName }), paras);
}
