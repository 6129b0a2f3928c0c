import type { Route } from "./+types/api.v1.staff_.$employeeCode.obligations";
import { staffObligations } from "~/services/api/obligations-api.server.ts";
import { apiHandler, json, methodNotAllowed, requireToken } from "~/services/api/http.server.ts";

// GET /api/v1/staff/{employeeCode}/obligations — the certifications a person
// must hold, each with its status, due date and end of validity
// (compliance:read). Unknown or outside the token's subtree: 404 alike.
export async function loader({ request, params }: Route.LoaderArgs) {
  return apiHandler(request, async () => {
    const now = new Date();
    const token = await requireToken(request, "compliance:read", now);
    return json(await staffObligations(token, (params.employeeCode ?? "").slice(0, 64), now));
  });
}

export const action = methodNotAllowed(["GET"]);
