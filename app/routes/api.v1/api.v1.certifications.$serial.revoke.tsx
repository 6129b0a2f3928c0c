import { z } from "zod";
import type { Route } from "./+types/api.v1.certifications.$serial.revoke";
import { ApiError, apiHandler, json, methodNotAllowed, requireToken } from "~/services/api/http.server.ts";
import { readJson } from "~/services/api/input.server.ts";
import { revokeViaApi } from "~/services/api/roster-api.server.ts";

const revokeBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const loader = methodNotAllowed(["POST"]);

// POST /api/v1/certifications/{serial}/revoke — revokes a certification of a
// person in the token's subtree; the assignments it carried are cancelled and
// their ids returned (certifications:revoke).
export async function action({ request, params }: Route.ActionArgs) {
  return apiHandler(request, async () => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", undefined, {}, { Allow: "POST" });
    const now = new Date();
    const token = await requireToken(request, "certifications:revoke", now);
    const { data } = await readJson(request, revokeBody);
    const result = await revokeViaApi(token, params.serial, data.reason, now);
    if (!result.ok) throw new ApiError(result.code === "ALREADY_REVOKED" ? 409 : 404, result.code);
    return json(result.value);
  });
}
