// Delivery of planned reminders. A row is claimed with FOR UPDATE SKIP LOCKED
// inside a transaction, so concurrent deliverers (any number of processes)
// never take the same row, and the row leaves PENDING in that same transaction:
//  - IN_APP: the Notification is inserted and the row marked SENT atomically
//    (exactly once);
//  - EMAIL: claim → send → mark SENT, one row per transaction (the lock is held
//    while the SMTP server answers). A crash between the send and the commit
//    leaves the row PENDING, so it may be sent again (at-least-once); planning
//    never creates a second row for the same reminder.
// A failed send counts an attempt, keeps the error and waits (5, 10, 20, 40
// min) before the next; after MAX_ATTEMPTS the row is FAILED. A row that became
// pointless (certification revoked, renewed or expired; holder or recipient
// left; no email address any more) is CANCELLED instead of sent.
// Two sources share this loop: the certification-expiry rows (below) and the
// obligation escalations (escalation-deliver.server.ts, decision 046), and
// the duty notices' emails (duty-deliver.server.ts, decision 065).
import { dayOf, fromDateColumn, MINUTE_MS, type Day } from "~/domain/time/calendar.ts";
import { composeReminder, type ReminderMail } from "~/domain/reminders/messages.ts";
import { daysLeft } from "~/domain/reminders/thresholds.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { dutySource } from "./duty-deliver.server.ts";
import { escalationSource } from "./escalation-deliver.server.ts";
import { publicUrlFromEnv, type MailTransport } from "./mailer.server.ts";

export const MAX_ATTEMPTS = 5;
const IN_APP_BATCH = 50;
const EMAIL_TX_TIMEOUT_MS = 120_000;

/** Wait before attempt n+1 after n failed attempts. */
function retryDelayMs(attempts: number) {
  return 5 * MINUTE_MS * 2 ** Math.max(0, attempts - 1);
}

export type DeliveryOptions = {
  /** Only these outbox rows (a reminder sent by hand); default: every due row. */
  ids?: number[];
  /** Base of links in emails; default PUBLIC_URL. */
  publicUrl?: string | null;
};

export type DeliveryResult = {
  inApp: number;
  emailed: number;
  retrying: number;
  failed: number;
  cancelled: number;
  /** When the earliest row waiting for a retry becomes due (null: none waiting). */
  nextRetryAt: Date | null;
};

type Claimed = {
  id: number;
  threshold: number;
  role: "HOLDER" | "MANAGER";
  channel: "EMAIL" | "IN_APP";
  attempts: number;
  manual: boolean;
  recipient_id: number;
  recipient_name: string;
  recipient_email: string | null;
  recipient_status: string;
  holder_id: number;
  holder_name: string;
  holder_status: string;
  unit_name: string;
  certification_id: number;
  type_name: string;
  serial: string;
  valid_until: Date;
  revoked_at: Date | null;
  renewed: boolean;
  requested_by_name: string | null;
};

function claim(tx: Tx, channel: "EMAIL" | "IN_APP", limit: number, now: Date, ids: number[] | null) {
  return tx.$queryRaw<Claimed[]>`
    select o.id, o.threshold, o.role::text as role, o.channel::text as channel, o.attempts, o.manual,
           rp.id as recipient_id, rp.full_name as recipient_name, rp.email as recipient_email, rp.status::text as recipient_status,
           h.id as holder_id, h.full_name as holder_name, h.status::text as holder_status, u.name as unit_name,
           c.id as certification_id, t.name as type_name, c.serial, c.valid_until, c.revoked_at,
           exists (select 1 from certifications r
                    where r.person_id = c.person_id and r.certification_type_id = c.certification_type_id
                      and r.revoked_at is null and r.valid_until > c.valid_until) as renewed,
           rb.full_name as requested_by_name
      from reminder_outbox o
      join certifications c on c.id = o.certification_id
      join certification_types t on t.id = c.certification_type_id
      join people h on h.id = c.person_id
      join units u on u.id = h.unit_id
      join people rp on rp.id = o.recipient_person_id
      left join people rb on rb.id = o.requested_by_id
     where o.status = 'PENDING'::"ReminderStatus"
       and o.channel = ${channel}::"ReminderChannel"
       and o.next_attempt_at <= ${now}
       and (${ids}::int[] is null or o.id = any(${ids}::int[]))
     order by o.id
     limit ${limit}
     for update of o skip locked`;
}

/** Why the reminder should no longer go out, or null. */
function obsolete(r: Claimed, today: Day): string | null {
  if (r.revoked_at) return "certification revoked";
  if (r.renewed) return "certification renewed";
  if (fromDateColumn(r.valid_until) < today) return "certification expired";
  if (r.holder_status !== "ACTIVE") return "holder left";
  if (r.recipient_status !== "ACTIVE") return "recipient left";
  if (r.channel === "EMAIL" && !r.recipient_email) return "recipient has no email";
  return null;
}

/** A claimed row, ready to go out or to be cancelled. */
export type Prepared =
  | { id: number; attempts: number; cancel: string }
  | {
      id: number;
      attempts: number;
      cancel?: undefined;
      to: { name: string; address: string | null };
      notification: { personId: number; kind: string; data: Record<string, unknown> };
      mail: () => ReminderMail;
    };

/** Claims up to `limit` due rows of one channel (FOR UPDATE SKIP LOCKED) and prepares them. */
export type OutboxSource = (
  tx: Tx,
  channel: "EMAIL" | "IN_APP",
  limit: number,
  now: Date,
  ids: number[] | null,
  publicUrl: string | null,
) => Promise<Prepared[]>;

const expirySource: OutboxSource = async (tx, channel, limit, now, ids, publicUrl) => {
  const today = dayOf(now);
  const rows = await claim(tx, channel, limit, now, ids);
  return rows.map((r): Prepared => {
    const reason = obsolete(r, today);
    if (reason) return { id: r.id, attempts: r.attempts, cancel: reason };
    const validUntil = fromDateColumn(r.valid_until);
    return {
      id: r.id,
      attempts: r.attempts,
      to: { name: r.recipient_name, address: r.recipient_email },
      notification: {
        personId: r.recipient_id,
        kind: "CERTIFICATION_EXPIRING",
        data: {
          outboxId: r.id,
          certificationId: r.certification_id,
          serial: r.serial,
          type: r.type_name,
          validUntil,
          daysLeft: daysLeft(today, validUntil),
          threshold: r.threshold,
          role: r.role,
          personId: r.holder_id,
          person: r.holder_name,
          unit: r.unit_name,
          manual: r.manual,
          requestedBy: r.requested_by_name,
        },
      },
      mail: () =>
        composeReminder({
          role: r.role,
          recipientName: r.recipient_name,
          holderId: r.holder_id,
          holderName: r.holder_name,
          unitName: r.unit_name,
          typeName: r.type_name,
          serial: r.serial,
          validUntil,
          daysLeft: daysLeft(today, validUntil),
          requestedBy: r.manual ? r.requested_by_name : null,
          publicUrl,
        }),
    };
  });
};

const SOURCES: readonly OutboxSource[] = [expirySource, escalationSource, dutySource];

async function cancel(tx: Tx, id: number, reason: string) {
  await tx.reminderOutbox.update({ where: { id }, data: { status: "CANCELLED", lastError: reason } });
}

/** Claims and delivers one batch of IN_APP rows of a source; returns how many rows it claimed. */
async function deliverInAppBatch(source: OutboxSource, now: Date, ids: number[] | null, result: DeliveryResult) {
  return getDb().$transaction(async (tx) => {
    const rows = await source(tx, "IN_APP", IN_APP_BATCH, now, ids, null);
    const live: Extract<Prepared, { to: unknown }>[] = [];
    for (const r of rows) {
      if (r.cancel !== undefined) {
        await cancel(tx, r.id, r.cancel);
        result.cancelled++;
      } else live.push(r);
    }
    if (live.length > 0) {
      await tx.notification.createMany({
        data: live.map((r) => ({
          personId: r.notification.personId,
          kind: r.notification.kind,
          createdAt: now,
          data: r.notification.data as object,
        })),
      });
      await tx.reminderOutbox.updateMany({
        where: { id: { in: live.map((r) => r.id) } },
        data: { status: "SENT", sentAt: now, attempts: { increment: 1 }, lastError: null },
      });
      result.inApp += live.length;
    }
    return rows.length;
  });
}

/** Claims, sends and settles one EMAIL row of a source; false when none was left to claim. */
async function deliverOneEmail(
  source: OutboxSource,
  now: Date,
  transport: MailTransport,
  publicUrl: string | null,
  ids: number[] | null,
  result: DeliveryResult,
) {
  return getDb().$transaction(
    async (tx) => {
      const [r] = await source(tx, "EMAIL", 1, now, ids, publicUrl);
      if (!r) return false;
      if (r.cancel !== undefined) {
        await cancel(tx, r.id, r.cancel);
        result.cancelled++;
        return true;
      }
      const attempts = r.attempts + 1;
      try {
        await transport.sendMail({ to: { name: r.to.name, address: r.to.address as string }, ...r.mail() });
      } catch (error) {
        const gaveUp = attempts >= MAX_ATTEMPTS;
        await tx.reminderOutbox.update({
          where: { id: r.id },
          data: {
            status: gaveUp ? "FAILED" : "PENDING",
            attempts,
            lastError: String((error as Error)?.message ?? error).slice(0, 1000),
            nextAttemptAt: gaveUp ? now : new Date(now.getTime() + retryDelayMs(attempts)),
          },
        });
        if (gaveUp) result.failed++;
        else result.retrying++;
        return true;
      }
      await tx.reminderOutbox.update({ where: { id: r.id }, data: { status: "SENT", sentAt: now, attempts, lastError: null } });
      result.emailed++;
      return true;
    },
    { timeout: EMAIL_TX_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/**
 * Delivers every PENDING row due at `now`. Without a transport (email off),
 * EMAIL rows are left alone. Safe to run in several processes at once.
 */
export async function deliverPending(now: Date, transport: MailTransport | null, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const ids = opts.ids ?? null;
  const result: DeliveryResult = { inApp: 0, emailed: 0, retrying: 0, failed: 0, cancelled: 0, nextRetryAt: null };
  if (ids && ids.length === 0) return result;
  for (const source of SOURCES) {
    while ((await deliverInAppBatch(source, now, ids, result)) === IN_APP_BATCH);
  }
  if (transport) {
    const publicUrl = opts.publicUrl === undefined ? publicUrlFromEnv() : opts.publicUrl;
    for (const source of SOURCES) while (await deliverOneEmail(source, now, transport, publicUrl, ids, result));
  }
  const [next] = await getDb().$queryRaw<{ at: Date | null }[]>`
    select min(next_attempt_at) as at from reminder_outbox
     where status = 'PENDING'::"ReminderStatus" and next_attempt_at > ${now}
       and (${transport !== null}::boolean or channel = 'IN_APP'::"ReminderChannel")
       and (${ids}::int[] is null or id = any(${ids}::int[]))`;
  result.nextRetryAt = next?.at ?? null;
  return result;
}
