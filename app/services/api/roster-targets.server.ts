// The station, person and duty type an eligibility or assignment request
// names, checked against the token's subtree, with the rule's inputs: one call
// of roster_targets (migration 20261203220000), whose plans each connection
// keeps (these two requests are the roster API's busiest).
import { Prisma } from "~/generated/prisma/client.ts";
import type { EligibilityInput } from "~/domain/roster/eligibility.ts";
import { getDb } from "~/utils/db.server.ts";
import { toEligibilityInput, type OtherDuty, type RuleInputsRow } from "../roster/eligibility.server.ts";
import { apiNotFound, requireInTokenScope, requireTokenWith } from "./http.server.ts";
import type { ApiScope, AuthenticatedToken } from "./tokens.server.ts";

export type RosterTargets = {
  station: { id: number; code: string; unitId: number };
  person: { id: number; employeeCode: string };
  dutyType: { id: number; code: string; requiresPair: boolean };
  rule: EligibilityInput;
  /** The person's active assignments overlapping the duty. */
  others: OtherDuty[];
  /** Ids drawn for a booking (drawIds): the shift's, if one must be created, and the assignment's. */
  ids: { shift: number; assignment: number } | null;
};

type Row = {
  station: { id: number; code: string; unitId: number; path: number[] } | null;
  person: { id: number; employeeCode: string; path: number[] } | null;
  dutyType: { id: number; code: string; requiresPair: boolean } | null;
  rule: RuleInputsRow;
};

export type Codes = { station: string; employeeCode: string; dutyType: string };
export type Duty = { startsAt: Date; endsAt: Date };

/** The statement's value: roster_targets and, for a booking, the ids drawn for it. */
export function targetsSql(codes: Codes, duty: Duty, drawIds: boolean) {
  // A booking draws its ids here, in the same round trip (a refused one leaves a gap, as sequences do).
  const ids = drawIds
    ? Prisma.sql`json_build_object('shift', nextval(pg_get_serial_sequence('shifts', 'id')), 'assignment', nextval(pg_get_serial_sequence('assignments', 'id')))`
    : Prisma.sql`null::json`;
  return Prisma.sql`json_build_object('targets', roster_targets(${codes.station}, ${codes.employeeCode}, ${codes.dutyType}, ${duty.startsAt}::timestamptz, ${duty.endsAt}::timestamptz), 'ids', ${ids})`;
}

/** The value of targetsSql. */
export type TargetsRead = { targets: Row; ids: RosterTargets["ids"] };

/** 404 (unknown or outside the token's subtree, alike) in the order station, person, duty type (as each route's fields are checked). */
export async function rosterTargets(token: AuthenticatedToken, codes: Codes, duty: Duty, drawIds = false): Promise<RosterTargets> {
  const [{ read }] = await getDb().$queryRaw<{ read: TargetsRead }[]>`select ${targetsSql(codes, duty, drawIds)} as read`;
  return targetsFrom(token, codes, duty, read);
}

/**
 * requireToken and rosterTargets in one statement (decision 069): the targets
 * are read only for a live token with `scope`; 401, 403 and the 404s as each alone.
 */
export async function tokenAndTargets(
  request: Request,
  scope: ApiScope,
  now: Date,
  codes: Codes,
  duty: Duty,
  drawIds = false,
): Promise<{ token: AuthenticatedToken; targets: RosterTargets }> {
  const { token, value } = await requireTokenWith<TargetsRead>(request, scope, now, targetsSql(codes, duty, drawIds));
  return { token, targets: targetsFrom(token, codes, duty, value) };
}

/** The targets of a read, checked against the token's subtree (the 404s). */
export function targetsFrom(token: AuthenticatedToken, codes: Codes, duty: Duty, { targets: row, ids: drawn }: TargetsRead): RosterTargets {
  const station = requireInTokenScope(
    token,
    row.station,
    (s) => s.path,
    { key: "api.notFound.station", params: { code: codes.station } },
    "station",
  );
  const person = requireInTokenScope(
    token,
    row.person,
    (p) => p.path,
    { key: "api.notFound.employee", params: { code: codes.employeeCode } },
    "employeeCode",
  );
  const dutyType = row.dutyType;
  if (!dutyType) apiNotFound({ key: "api.notFound.dutyType", params: { code: codes.dutyType } }, "dutyType");
  const rule = toEligibilityInput(row.rule, duty);
  if (!rule) throw new Error("rule inputs missing for a person and duty type that exist");
  return {
    station: { id: station.id, code: station.code, unitId: station.unitId },
    person: { id: person.id, employeeCode: person.employeeCode },
    dutyType: { id: dutyType.id, code: dutyType.code, requiresPair: dutyType.requiresPair },
    rule,
    others: row.rule.others,
    ids: drawn,
  };
}
