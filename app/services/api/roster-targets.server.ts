// The station, person and duty type an eligibility or assignment request
// names, checked against the token's subtree, with the rule's inputs: one SQL
// statement (these two calls are the roster API's busiest).
import { Prisma } from "~/generated/prisma/client.ts";
import type { EligibilityInput } from "~/domain/roster/eligibility.ts";
import { getDb } from "~/utils/db.server.ts";
import { ruleInputsSql, toEligibilityInput, type OtherDuty, type RuleInputsRow } from "../roster/eligibility.server.ts";
import { inTokenSubtree, notFound, outOfScope } from "./http.server.ts";
import type { AuthenticatedToken } from "./tokens.server.ts";

export type RosterTargets = {
  station: { id: number; code: string; unitId: number };
  person: { id: number; employeeCode: string };
  dutyType: { id: number; code: string };
  rule: EligibilityInput;
  /** The person's active assignments overlapping the duty. */
  others: OtherDuty[];
};

type Row = {
  station: { id: number; code: string; unitId: number; path: number[] } | null;
  person: { id: number; employeeCode: string; path: number[] } | null;
  dutyType: { id: number; code: string } | null;
  rule: RuleInputsRow;
};

/** 404 or 403 in the order station, person, duty type (as each route's fields are checked). */
export async function rosterTargets(
  token: AuthenticatedToken,
  codes: { station: string; employeeCode: string; dutyType: string },
  duty: { startsAt: Date; endsAt: Date },
): Promise<RosterTargets> {
  const personId = Prisma.sql`(select id from people where employee_code = ${codes.employeeCode})`;
  const dutyTypeId = Prisma.sql`(select id from duty_types where code = ${codes.dutyType})`;
  const [row] = await getDb().$queryRaw<Row[]>`
    select
      (select json_build_object('id', s.id, 'code', s.code, 'unitId', s.unit_id, 'path', u.path)
         from stations s join units u on u.id = s.unit_id where s.code = ${codes.station}) as station,
      (select json_build_object('id', p.id, 'employeeCode', p.employee_code, 'path', u.path)
         from people p join units u on u.id = p.unit_id where p.employee_code = ${codes.employeeCode}) as person,
      (select json_build_object('id', d.id, 'code', d.code) from duty_types d where d.code = ${codes.dutyType}) as "dutyType",
      ${ruleInputsSql(personId, dutyTypeId, duty.startsAt, duty.endsAt)} as rule`;
  const { station, person, dutyType } = row;
  if (!station) notFound({ vi: `trạm ${codes.station}`, en: `Station ${codes.station}` }, "station");
  if (!inTokenSubtree(token, station.path)) outOfScope({ vi: `Trạm ${codes.station}`, en: `Station ${codes.station}` });
  if (!person) notFound({ vi: `nhân viên ${codes.employeeCode}`, en: `Employee ${codes.employeeCode}` }, "employeeCode");
  if (!inTokenSubtree(token, person.path)) outOfScope({ vi: `Nhân viên ${codes.employeeCode}`, en: `Employee ${codes.employeeCode}` });
  if (!dutyType) notFound({ vi: `loại nhiệm vụ ${codes.dutyType}`, en: `Duty type ${codes.dutyType}` }, "dutyType");
  const rule = toEligibilityInput(row.rule, duty);
  if (!rule) throw new Error("rule inputs missing for a person and duty type that exist");
  return {
    station: { id: station.id, code: station.code, unitId: station.unitId },
    person: { id: person.id, employeeCode: person.employeeCode },
    dutyType: { id: dutyType.id, code: dutyType.code },
    rule,
    others: row.rule.others,
  };
}
