// A person's own duties (decision 065): the page "Lịch trực của tôi" and the
// calendar feed read the same rows. Only the person's own assignments are
// ever read here; the person is the signed-in user or the feed token's owner.
import { coversOf, type Cover, type HeldCertification } from "~/domain/roster/my-duties.ts";
import { DAY_MS, fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";

/** Past duties shown on the page and kept in the feed. */
export const PAST_DUTIES_SHOWN = 30;
/** The feed keeps cancelled and past duties this long, so subscribed calendars see them change. */
const FEED_HISTORY_MS = 90 * DAY_MS;

export type MyDuty = {
  assignmentId: number;
  shiftId: number;
  sequence: number;
  station: string;
  stationCode: string;
  duty: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  cancelReason: string | null;
  covers: Cover[];
};

/** True when the person was ever put on a duty (the menu shows "Lịch trực của tôi" then). */
export async function hasDuties(personId: number): Promise<boolean> {
  const row = await getDb().assignment.findFirst({ where: { personId }, select: { id: true } });
  return row !== null;
}

async function heldCertifications(personId: number): Promise<HeldCertification[]> {
  const rows = await getDb().certification.findMany({
    where: { personId },
    select: {
      certificationTypeId: true,
      serial: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      certificationType: { select: { name: true } },
    },
  });
  return rows.map((c) => ({
    certificationTypeId: c.certificationTypeId,
    typeName: c.certificationType.name,
    serial: c.serial,
    validFrom: fromDateColumn(c.validFrom),
    validUntil: fromDateColumn(c.validUntil),
    revokedAt: c.revokedAt,
  }));
}

type Where = { personId: number; shift: { endsAt: { gt: Date } | { lte: Date } } };

async function load(where: Where, order: "asc" | "desc", take: number | undefined, held: HeldCertification[]): Promise<MyDuty[]> {
  const rows = await getDb().assignment.findMany({
    where,
    orderBy: [{ shift: { startsAt: order } }, { id: order }],
    take,
    include: {
      shift: {
        include: {
          station: { select: { name: true, code: true } },
          dutyType: {
            select: { name: true, requiredCertifications: { select: { certificationType: { select: { id: true, name: true } } } } },
          },
        },
      },
    },
  });
  return rows.map((a) => {
    const required = a.shift.dutyType.requiredCertifications.map((r) => r.certificationType).sort((x, y) => x.id - y.id);
    return {
      assignmentId: a.id,
      shiftId: a.shiftId,
      sequence: a.sequence,
      station: a.shift.station.name,
      stationCode: a.shift.station.code,
      duty: a.shift.dutyType.name,
      startsAt: a.shift.startsAt.toISOString(),
      endsAt: a.shift.endsAt.toISOString(),
      cancelled: a.status === "CANCELLED",
      cancelReason: a.cancelReason,
      covers: coversOf(a.shift, required, held),
    };
  });
}

/** Upcoming (not yet ended, soonest first) and past (latest first, at most PAST_DUTIES_SHOWN) duties. */
export async function myDuties(personId: number, now: Date) {
  const held = await heldCertifications(personId);
  const [upcoming, past] = await Promise.all([
    load({ personId, shift: { endsAt: { gt: now } } }, "asc", undefined, held),
    load({ personId, shift: { endsAt: { lte: now } } }, "desc", PAST_DUTIES_SHOWN, held),
  ]);
  return { upcoming, past };
}

/** What the feed lists: every duty not ended, and those that ended in the last 90 days. */
export async function feedDuties(personId: number, now: Date): Promise<MyDuty[]> {
  const held = await heldCertifications(personId);
  return load({ personId, shift: { endsAt: { gt: new Date(now.getTime() - FEED_HISTORY_MS) } } }, "asc", undefined, held);
}
