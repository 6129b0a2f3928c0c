import { z } from "zod";
import type { Route } from "./+types/api.v1.eligibility";
import {
  apiHandler,
  checkDutyInterval,
  code,
  dateTime,
  dutyTypeByCode,
  json,
  methodNotAllowed,
  personInScope,
  readQuery,
  requireToken,
  stationInScope,
} from "~/services/api/http.server.ts";
import { eligibilityViaApi } from "~/services/api/roster-api.server.ts";

const query = z
  .strictObject({ employeeCode: code, dutyType: code, station: code, start: dateTime, end: dateTime })
  .superRefine(checkDutyInterval);

// GET /api/v1/eligibility?employeeCode=&dutyType=&station=&start=&end= — may
// this person take this duty, and if not, every reason (roster:read).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async (locale) => {
    const token = await requireToken(request, "roster:read", new Date());
    const q = readQuery(request, query);
    await stationInScope(token, q.station);
    const person = await personInScope(token, q.employeeCode);
    const dutyType = await dutyTypeByCode(q.dutyType);
    return json(await eligibilityViaApi({ personId: person.id, dutyTypeId: dutyType.id, startsAt: new Date(q.start), endsAt: new Date(q.end) }, locale));
  });
}

export const action = methodNotAllowed(["GET"]);
