// The obligation escalations' side of delivery (decision 046): claims their
// outbox rows and prepares each for the one delivery loop in deliver.server.ts.
// A row is cancelled when its message is no longer true: the person now holds a
// valid certification, the due date moved, the obligation is gone (left, moved,
// rule changed), the recipient left or has no email address any more.
import { z } from "zod";
import { stillDue, type EscalationKind } from "~/domain/reminders/escalation.ts";
import { composeEscalation, type DigestData } from "~/domain/reminders/escalation-messages.ts";
import { OBLIGATION_STATUSES } from "~/domain/obligations/status.ts";
import { daysBetween, dayOf, isDay } from "~/domain/time/calendar.ts";
import { isLocale } from "~/i18n/index.ts";
import type { Tx } from "~/utils/db.server.ts";
import { obligationsOf } from "../obligations/read.server.ts";
import type { OutboxSource, Prepared } from "./deliver.server.ts";

type Claimed = {
  id: number;
  kind: EscalationKind;
  channel: "EMAIL" | "IN_APP";
  attempts: number;
  data: unknown;
  recipient_id: number;
  recipient_name: string;
  recipient_email: string | null;
  recipient_status: string;
  locale: string | null;
  subject_id: number | null;
  subject_name: string | null;
  unit_name: string | null;
  certification_type_id: number | null;
  type_name: string | null;
};

const day = z.string().refine(isDay);
const obligationData = z.object({ dueOn: day, status: z.enum(OBLIGATION_STATUSES), week: z.number().int().nonnegative().default(0) });

function claim(tx: Tx, channel: "EMAIL" | "IN_APP", limit: number, now: Date, ids: number[] | null) {
  return tx.$queryRaw<Claimed[]>`
    select o.id, o.kind::text as kind, o.channel::text as channel, o.attempts, o.data,
           rp.id as recipient_id, rp.full_name as recipient_name, rp.email as recipient_email, rp.status::text as recipient_status,
           a.locale, s.id as subject_id, s.full_name as subject_name, u.name as unit_name,
           o.certification_type_id, t.name as type_name
      from reminder_outbox o
      join people rp on rp.id = o.recipient_person_id
      left join accounts a on a.person_id = rp.id
      left join people s on s.id = o.subject_person_id
      left join units u on u.id = s.unit_id
      left join certification_types t on t.id = o.certification_type_id
     where o.kind not in ('EXPIRY'::"ReminderKind", 'DUTY'::"ReminderKind")
       and o.status = 'PENDING'::"ReminderStatus"
       and o.channel = ${channel}::"ReminderChannel"
       and o.next_attempt_at <= ${now}
       and (${ids}::int[] is null or o.id = any(${ids}::int[]))
     order by o.id
     limit ${limit}
     for update of o skip locked`;
}

export const escalationSource: OutboxSource = async (tx, channel, limit, now, ids, publicUrl) => {
  const rows = await claim(tx, channel, limit, now, ids);
  if (rows.length === 0) return [];
  const today = dayOf(now);
  const subjects = [...new Set(rows.flatMap((r) => (r.subject_id === null ? [] : [r.subject_id])))];
  const standings = await obligationsOf(subjects, now);
  return rows.map((r): Prepared => {
    const base = { id: r.id, attempts: r.attempts };
    if (r.recipient_status !== "ACTIVE") return { ...base, cancel: "recipient left" };
    if (channel === "EMAIL" && !r.recipient_email) return { ...base, cancel: "recipient has no email" };
    const locale = isLocale(r.locale) ? r.locale : "vi";
    const common = { locale, recipientName: r.recipient_name, publicUrl };
    const to = { name: r.recipient_name, address: r.recipient_email };
    if (r.kind === "DIGEST") {
      // Written by the planner from the domain's digest; stored as planned.
      const digest = r.data as DigestData;
      return {
        ...base,
        to,
        notification: { personId: r.recipient_id, kind: "OBLIGATION_DIGEST", data: { outboxId: r.id, ...digest } },
        mail: () => composeEscalation({ ...common, kind: "DIGEST", digest }),
      };
    }
    const planned = obligationData.safeParse(r.data);
    if (!planned.success || r.subject_id === null || r.type_name === null) return { ...base, cancel: "obligation gone" };
    const current = standings.get(r.subject_id)?.find((o) => o.certificationTypeId === r.certification_type_id) ?? null;
    if (!stillDue(r.kind, planned.data.dueOn, current)) return { ...base, cancel: "obligation no longer due" };
    const { dueOn, week } = planned.data;
    const status = current?.status ?? planned.data.status;
    if (r.kind === "OVERDUE") {
      const facts = {
        personId: r.subject_id,
        personName: r.subject_name ?? "",
        unitName: r.unit_name ?? "",
        typeName: r.type_name,
        status,
        dueOn,
        week,
      };
      return {
        ...base,
        to,
        notification: {
          personId: r.recipient_id,
          kind: "OBLIGATION_OVERDUE",
          data: {
            outboxId: r.id,
            personId: r.subject_id,
            person: facts.personName,
            unit: facts.unitName,
            type: r.type_name,
            status,
            dueOn,
            week,
          },
        },
        mail: () => composeEscalation({ ...common, kind: "OVERDUE", ...facts }),
      };
    }
    const kind = r.kind;
    const left = daysBetween(today, dueOn);
    return {
      ...base,
      to,
      notification: {
        personId: r.recipient_id,
        kind: "OBLIGATION_DUE",
        data: { outboxId: r.id, notice: kind, type: r.type_name, dueOn, daysLeft: left },
      },
      mail: () => composeEscalation({ ...common, kind, typeName: r.type_name as string, dueOn, daysLeft: left }),
    };
  });
};
