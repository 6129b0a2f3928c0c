// Duty notices' side of delivery (decision 065): the EMAIL rows the
// assignments trigger puts in the outbox (the in-app notification was written
// by the trigger itself, in the transaction of the change). A row is cancelled
// when its message is no longer useful: the duty has ended, the recipient left
// or has no email address any more.
import { composeDutyMail, dutyNoticeSchema } from "~/domain/roster/duty-notice.ts";
import { isLocale } from "~/i18n/index.ts";
import type { Tx } from "~/utils/db.server.ts";
import type { OutboxSource, Prepared } from "./deliver.server.ts";

type Claimed = {
  id: number;
  attempts: number;
  data: unknown;
  recipient_id: number;
  recipient_name: string;
  recipient_email: string | null;
  recipient_status: string;
  locale: string | null;
};

function claim(tx: Tx, channel: "EMAIL" | "IN_APP", limit: number, now: Date, ids: number[] | null) {
  return tx.$queryRaw<Claimed[]>`
    select o.id, o.attempts, o.data,
           rp.id as recipient_id, rp.full_name as recipient_name, rp.email as recipient_email, rp.status::text as recipient_status, a.locale
      from reminder_outbox o
      join people rp on rp.id = o.recipient_person_id
      left join accounts a on a.person_id = rp.id
     where o.kind = 'DUTY'::"ReminderKind"
       and o.status = 'PENDING'::"ReminderStatus"
       and o.channel = ${channel}::"ReminderChannel"
       and o.next_attempt_at <= ${now}
       and (${ids}::int[] is null or o.id = any(${ids}::int[]))
     order by o.id
     limit ${limit}
     for update of o skip locked`;
}

export const dutySource: OutboxSource = async (tx, channel, limit, now, ids, publicUrl) => {
  const rows = await claim(tx, channel, limit, now, ids);
  return rows.map((r): Prepared => {
    const base = { id: r.id, attempts: r.attempts };
    const notice = dutyNoticeSchema.safeParse(r.data);
    if (!notice.success) return { ...base, cancel: "notice unreadable" };
    if (new Date(notice.data.endsAt) <= now) return { ...base, cancel: "duty ended" };
    if (r.recipient_status !== "ACTIVE") return { ...base, cancel: "recipient left" };
    if (channel === "EMAIL" && !r.recipient_email) return { ...base, cancel: "recipient has no email" };
    const locale = isLocale(r.locale) ? r.locale : "vi";
    return {
      ...base,
      to: { name: r.recipient_name, address: r.recipient_email },
      notification: { personId: r.recipient_id, kind: "DUTY_CHANGE", data: { outboxId: r.id, ...notice.data } },
      mail: () => composeDutyMail({ ...notice.data, locale, recipientName: r.recipient_name, publicUrl }),
    };
  });
};
