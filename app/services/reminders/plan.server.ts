// Planning: one set-based statement that writes an outbox row for every
// reminder due today and not yet planned. The unique key (certification,
// threshold, recipient, channel, manual_key) with ON CONFLICT DO NOTHING is what
// makes planning idempotent across restarts, reruns and concurrent workers.
import { dayOf } from "~/domain/time/calendar.ts";
import { REMINDER_THRESHOLDS } from "~/domain/reminders/thresholds.ts";
import { getDb } from "~/utils/db.server.ts";
import { getMailTransport } from "./mailer.server.ts";

/**
 * Plans the reminders due at `now` (Vietnam day): for each certification that is
 * in force, not revoked, not already renewed by a later one of the same type,
 * held by an active person, and whose due threshold (see dueThreshold) has no row
 * yet: the holder and every active MANAGER of a unit on the holder's unit path.
 * IN_APP rows always; EMAIL rows only when email is on and the recipient has an
 * address. Returns how many rows were created.
 */
export async function planReminders(now: Date, opts: { email?: boolean } = {}): Promise<{ created: number }> {
  const email = opts.email ?? getMailTransport() !== null;
  const today = dayOf(now);
  const thresholds = [...REMINDER_THRESHOLDS];
  const widest = Math.max(...thresholds);
  // days_left = valid_until - today; the due threshold is the smallest T ≥ days_left
  // (the same rule as dueThreshold in app/domain/reminders/thresholds.ts).
  const created = await getDb().$executeRaw`
    with due as (
      select c.id as certification_id, c.person_id, u.path,
             (select min(t) from unnest(${thresholds}::int[]) as t where (c.valid_until - ${today}::date) <= t) as threshold
        from certifications c
        join people p on p.id = c.person_id
        join units u on u.id = p.unit_id
       where c.revoked_at is null
         and p.status = 'ACTIVE'::"PersonStatus"
         and c.valid_from <= ${today}::date
         and c.valid_until between ${today}::date and ${today}::date + ${widest}::int
         and not exists (
           select 1 from certifications r
            where r.person_id = c.person_id and r.certification_type_id = c.certification_type_id
              and r.revoked_at is null and r.valid_until > c.valid_until)
    ),
    recipients as (
      select d.certification_id, d.threshold, d.person_id as recipient_id, 'HOLDER'::"ReminderRole" as role
        from due d
      union
      select d.certification_id, d.threshold, g.person_id, 'MANAGER'::"ReminderRole"
        from due d
        join role_grants g on g.role = 'MANAGER'::"Role" and g.unit_id = any(d.path) and g.person_id <> d.person_id
        join people m on m.id = g.person_id and m.status = 'ACTIVE'::"PersonStatus"
    )
    insert into reminder_outbox
      (certification_id, threshold, recipient_person_id, role, channel, status, attempts, next_attempt_at, created_at, manual, manual_key)
    select r.certification_id, r.threshold, r.recipient_id, r.role, ch.channel, 'PENDING'::"ReminderStatus", 0, ${now}, ${now}, false, ''
      from recipients r
      join people rp on rp.id = r.recipient_id
     cross join (values ('IN_APP'::"ReminderChannel"), ('EMAIL'::"ReminderChannel")) as ch(channel)
     where ch.channel = 'IN_APP'::"ReminderChannel" or (${email}::boolean and rp.email is not null)
     -- One order for every planner, so concurrent ones queue on the same keys instead of deadlocking.
     order by r.certification_id, r.threshold, r.recipient_id, ch.channel
    on conflict (certification_id, threshold, recipient_person_id, channel, manual_key) do nothing`;
  return { created };
}
