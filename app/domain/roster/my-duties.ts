// What a person sees of their own duties: for each, the certification that
// qualifies them for it (per required type), or a warning when none covers the
// whole duty — e.g. it expires before the duty ends. The coverage test is the
// booking rule's (eligibility.ts): valid from the start day through the end,
// not revoked before the end.
import { addDays, startOfDay, type Day } from "~/domain/time/calendar.ts";

export type HeldCertification = {
  certificationTypeId: number;
  typeName: string;
  serial: string;
  validFrom: Day;
  validUntil: Day;
  revokedAt: Date | null;
};

export type Cover = {
  certificationTypeId: number;
  typeName: string;
  /** The certification covering the duty (the one valid longest), or the latest one held when none does. */
  certification: HeldCertification | null;
  covers: boolean;
};

function covers(c: HeldCertification, duty: { startsAt: Date; endsAt: Date }) {
  const e = duty.endsAt.getTime();
  const live = c.revokedAt === null || c.revokedAt.getTime() >= e;
  return live && startOfDay(c.validFrom).getTime() <= duty.startsAt.getTime() && startOfDay(addDays(c.validUntil, 1)).getTime() >= e;
}

const byUntilDesc = (a: HeldCertification, b: HeldCertification) =>
  a.validUntil < b.validUntil ? 1 : a.validUntil > b.validUntil ? -1 : 0;

/** One cover per required certification type, in the order given. */
export function coversOf(
  duty: { startsAt: Date; endsAt: Date },
  required: readonly { id: number; name: string }[],
  held: readonly HeldCertification[],
): Cover[] {
  return required.map((type) => {
    const mine = held.filter((c) => c.certificationTypeId === type.id).sort(byUntilDesc);
    const covering = mine.find((c) => covers(c, duty)) ?? null;
    const latest = mine.find((c) => c.revokedAt === null) ?? null;
    return { certificationTypeId: type.id, typeName: type.name, certification: covering ?? latest, covers: covering !== null };
  });
}
