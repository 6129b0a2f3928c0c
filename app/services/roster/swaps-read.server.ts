// What the pages show of swap requests: a person's own (asked by them, or of
// them) and, for managers, those waiting for a decision in their scope.
import { getDb } from "~/utils/db.server.ts";

/** Closed requests stay listed this many at most (the latest). */
const RECENT_SHOWN = 20;

const include = {
  from: { select: { fullName: true, employeeCode: true } },
  to: { select: { fullName: true, employeeCode: true } },
  assignment: {
    select: {
      shift: { select: { startsAt: true, endsAt: true, station: { select: { name: true } }, dutyType: { select: { name: true } } } },
    },
  },
} as const;

type Row = {
  id: number;
  fromPersonId: number;
  toPersonId: number;
  status: string;
  reasons: string[];
  createdAt: Date;
  from: { fullName: string; employeeCode: string };
  to: { fullName: string; employeeCode: string };
  assignment: { shift: { startsAt: Date; endsAt: Date; station: { name: string }; dutyType: { name: string } } };
};

export type SwapView = {
  id: number;
  fromPersonId: number;
  toPersonId: number;
  status: "REQUESTED" | "ACCEPTED" | "APPROVED" | "DECLINED" | "REFUSED" | "WITHDRAWN";
  reasons: string[];
  createdAt: string;
  from: string;
  fromCode: string;
  to: string;
  toCode: string;
  station: string;
  duty: string;
  startsAt: string;
  endsAt: string;
};

function view(r: Row): SwapView {
  return {
    id: r.id,
    fromPersonId: r.fromPersonId,
    toPersonId: r.toPersonId,
    status: r.status as SwapView["status"],
    reasons: r.reasons,
    createdAt: r.createdAt.toISOString(),
    from: r.from.fullName,
    fromCode: r.from.employeeCode,
    to: r.to.fullName,
    toCode: r.to.employeeCode,
    station: r.assignment.shift.station.name,
    duty: r.assignment.shift.dutyType.name,
    startsAt: r.assignment.shift.startsAt.toISOString(),
    endsAt: r.assignment.shift.endsAt.toISOString(),
  };
}

/** The person's requests, both ways, newest first. */
export async function swapsOfPerson(personId: number): Promise<SwapView[]> {
  const rows = await getDb().dutySwap.findMany({
    where: { OR: [{ fromPersonId: personId }, { toPersonId: personId }] },
    orderBy: { id: "desc" },
    take: RECENT_SHOWN,
    include,
  });
  return rows.map(view);
}

/** Requests of stations under `scope` (unit ids): waiting for a manager, then the latest decided. */
export async function swapsInScope(scope: number[]): Promise<{ waiting: SwapView[]; recent: SwapView[] }> {
  const where = { assignment: { shift: { station: { unit: { path: { hasSome: scope } } } } } };
  const [waiting, recent] = await Promise.all([
    getDb().dutySwap.findMany({ where: { ...where, status: "ACCEPTED" }, orderBy: { id: "asc" }, include }),
    getDb().dutySwap.findMany({
      where: { ...where, status: { in: ["APPROVED", "DECLINED", "REFUSED"] } },
      orderBy: { id: "desc" },
      take: RECENT_SHOWN,
      include,
    }),
  ]);
  return { waiting: waiting.map(view), recent: recent.map(view) };
}

/** What a refusal of a swap needs to explain itself: the colleague and the duty type's requirements. */
export async function getSwapFacts(swapId: number) {
  const swap = await getDb().dutySwap.findUnique({
    where: { id: swapId },
    select: {
      toPersonId: true,
      to: { select: { fullName: true } },
      assignment: {
        select: {
          shift: {
            select: {
              dutyType: {
                select: {
                  minExperienceMonths: true,
                  requiredCertifications: { select: { certificationTypeId: true, certificationType: { select: { name: true } } } },
                },
              },
            },
          },
        },
      },
    },
  });
  return swap && { toPersonId: swap.toPersonId, toName: swap.to.fullName, dutyType: swap.assignment.shift.dutyType };
}
