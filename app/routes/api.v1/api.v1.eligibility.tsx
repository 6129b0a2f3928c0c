import { z } from "zod";
import type { Route } from "./+types/api.v1.eligibility";
import { apiHandler, json, methodNotAllowed, readBeforeToken } from "~/services/api/http.server.ts";
import { checkDutyInterval, code, dateTime, readQuery } from "~/services/api/input.server.ts";
import { eligibilityViaApi } from "~/services/api/roster-api.server.ts";
import { tokenAndTargets } from "~/services/api/roster-targets.server.ts";

const query = z
  .strictObject({ employeeCode: code, dutyType: code, station: code, start: dateTime, end: dateTime })
  .superRefine(checkDutyInterval);

// GET /api/v1/eligibility?employeeCode=&dutyType=&station=&start=&end= — may
// this person take this duty, and if not, every reason (roster:read).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async (locale) => {
    const now = new Date();
    const q = await readBeforeToken(request, "roster:read", now, () => readQuery(request, query));
    const { targets } = await tokenAndTargets(request, "roster:read", now, q, { startsAt: new Date(q.start), endsAt: new Date(q.end) });
    return json(eligibilityViaApi(targets, locale));
  });
}

export const action = methodNotAllowed(["GET"]);
