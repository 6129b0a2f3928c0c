import { z } from "zod";
import type { Route } from "./+types/api.v1.staff";
import { apiHandler, json, methodNotAllowed, requireToken, unitInScope } from "~/services/api/http.server.ts";
import { code, DEFAULT_PAGE, pageHeaders, pageQuery, readQuery } from "~/services/api/input.server.ts";
import { listStaff } from "~/services/api/roster-api.server.ts";

const query = z.strictObject({ unit: code.optional(), ...pageQuery });

// GET /api/v1/staff?unit=&limit=&cursor= — people in a unit's subtree (default:
// the token's unit) with their certifications, by page (roster:read).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async () => {
    const now = new Date();
    const token = await requireToken(request, "roster:read", now);
    const q = readQuery(request, query);
    const unitId = q.unit ? (await unitInScope(token, q.unit)).id : token.unitId;
    const page = await listStaff(unitId, { limit: q.limit ?? DEFAULT_PAGE, cursor: q.cursor }, now);
    return json(page.items, 200, pageHeaders(request, page.nextCursor));
  });
}

export const action = methodNotAllowed(["GET"]);
