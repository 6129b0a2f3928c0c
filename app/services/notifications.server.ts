// In-app notifications: the list a person reads at /notifications and the
// unread count for the header badge. Each kind's data is checked on the way
// out; anything unexpected is shown as a generic notification.
import { z } from "zod";
import { OBLIGATION_STATUSES } from "~/domain/obligations/status.ts";
import { dutyNoticeSchema, type DutyNotice } from "~/domain/roster/duty-notice.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb } from "~/utils/db.server.ts";

const certificationExpiring = z.object({
  role: z.enum(["HOLDER", "MANAGER"]),
  type: z.string(),
  serial: z.string(),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  daysLeft: z.number().int(),
  personId: z.number().int(),
  person: z.string(),
  unit: z.string(),
  manual: z.boolean().default(false),
  requestedBy: z.string().nullable().default(null),
});

const rosterShiftShort = z.object({
  station: z.string(),
  duty: z.string(),
  startsAt: z.string(),
  person: z.string(),
  reason: z.string().nullish(),
});

// Obligation escalations (decision 046).
const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const status = z.enum(OBLIGATION_STATUSES);
const obligationDue = z.object({ notice: z.enum(["DUE_SOON", "DUE_TODAY"]), type: z.string(), dueOn: dayString });
const obligationOverdue = z.object({
  personId: z.number().int(),
  person: z.string(),
  unit: z.string(),
  type: z.string(),
  status,
  dueOn: dayString,
  week: z.number().int(),
});
const obligationDigest = z.object({
  weekOf: dayString,
  counts: z.record(status, z.number().int()),
  dueSoon: z.number().int().default(0),
  listed: z.array(
    z.object({ personId: z.number().int(), person: z.string(), unit: z.string(), type: z.string(), status, dueOn: dayString.nullable() }),
  ),
  unlisted: z.number().int(),
});

type Base = { id: number; createdAt: string; read: boolean };
export type NotificationView =
  | (Base & { kind: "CERTIFICATION_EXPIRING" } & z.infer<typeof certificationExpiring>)
  | (Base & { kind: "ROSTER_SHIFT_SHORT"; station: string; duty: string; startsAt: string; person: string; reason: string | null })
  | (Base & { kind: "OBLIGATION_DUE" } & z.infer<typeof obligationDue>)
  | (Base & { kind: "OBLIGATION_OVERDUE" } & z.infer<typeof obligationOverdue>)
  | (Base & { kind: "OBLIGATION_DIGEST" } & z.infer<typeof obligationDigest>)
  | (Base & { kind: "DUTY_CHANGE" } & DutyNotice)
  | (Base & { kind: "OTHER"; rawKind: string });

const NOTIFICATION_PAGE_SIZE = 100;

function toView(n: { id: number; kind: string; data: unknown; createdAt: Date; readAt: Date | null }): NotificationView {
  const base: Base = { id: n.id, createdAt: n.createdAt.toISOString(), read: n.readAt !== null };
  if (n.kind === "CERTIFICATION_EXPIRING") {
    const parsed = certificationExpiring.safeParse(n.data);
    if (parsed.success) return { ...base, kind: "CERTIFICATION_EXPIRING", ...parsed.data };
  }
  if (n.kind === "ROSTER_SHIFT_SHORT") {
    const parsed = rosterShiftShort.safeParse(n.data);
    if (parsed.success) return { ...base, kind: "ROSTER_SHIFT_SHORT", ...parsed.data, reason: parsed.data.reason ?? null };
  }
  if (n.kind === "OBLIGATION_DUE") {
    const parsed = obligationDue.safeParse(n.data);
    if (parsed.success) return { ...base, kind: "OBLIGATION_DUE", ...parsed.data };
  }
  if (n.kind === "OBLIGATION_OVERDUE") {
    const parsed = obligationOverdue.safeParse(n.data);
    if (parsed.success) return { ...base, kind: "OBLIGATION_OVERDUE", ...parsed.data };
  }
  if (n.kind === "OBLIGATION_DIGEST") {
    const parsed = obligationDigest.safeParse(n.data);
    if (parsed.success) return { ...base, kind: "OBLIGATION_DIGEST", ...parsed.data };
  }
  if (n.kind === "DUTY_CHANGE") {
    // Written by the assignments trigger (decision 065).
    const parsed = dutyNoticeSchema.safeParse(n.data);
    if (parsed.success) return { ...base, kind: "DUTY_CHANGE", ...parsed.data };
  }
  return { ...base, kind: "OTHER", rawKind: n.kind };
}

/** The person's notifications, newest first (at most NOTIFICATION_PAGE_SIZE), and how many exist. */
export async function listNotifications(personId: number) {
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.notification.findMany({ where: { personId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: NOTIFICATION_PAGE_SIZE }),
    db.notification.count({ where: { personId } }),
  ]);
  return { items: rows.map(toView), total };
}

/** Unread notifications of a person (served by the (person_id, read_at) index). */
export function unreadCount(personId: number): Promise<number> {
  return getDb().notification.count({ where: { personId, readAt: null } });
}

/** Marks one of the person's own notifications read; "notFound" when there is none of theirs with that id. */
export async function markRead(personId: number, id: number, now: Date): Promise<Result<undefined, "notFound">> {
  const own = await getDb().notification.findFirst({ where: { id, personId }, select: { id: true } });
  if (!own) return refused("notFound");
  await getDb().notification.updateMany({ where: { id, personId, readAt: null }, data: { readAt: now } });
  return ok();
}

export async function markAllRead(personId: number, now: Date): Promise<number> {
  const { count } = await getDb().notification.updateMany({ where: { personId, readAt: null }, data: { readAt: now } });
  return count;
}
