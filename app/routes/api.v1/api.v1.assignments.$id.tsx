import type { Route } from "./+types/api.v1.assignments.$id";
import { ApiError, apiHandler, json, methodNotAllowed, refusalAnswer, requireApiId, requireToken } from "~/services/api/http.server.ts";
import { cancelViaApi, reasonsView } from "~/services/api/roster-api.server.ts";

export const loader = methodNotAllowed(["DELETE"]);

// DELETE /api/v1/assignments/{id} — cancels the assignment; it stays as history
// with status CANCELLED. Cancelling twice answers the same (roster:write).
// Leaving a two-person shift without its pair is refused: 422 with reasons.
export async function action({ request, params }: Route.ActionArgs) {
  return apiHandler(request, async (locale) => {
    if (request.method !== "DELETE") throw new ApiError(405, "METHOD_NOT_ALLOWED", undefined, {}, { Allow: "DELETE" });
    const now = new Date();
    const token = await requireToken(request, "roster:write", now);
    const result = await cancelViaApi(token, requireApiId(params.id, { key: "api.notFound.anAssignment" }), now);
    if (!result.ok && result.code === "NOT_ELIGIBLE") {
      const answer = refusalAnswer(422, result.code, locale, { reasons: reasonsView(result.reasons ?? [], locale) });
      return json(answer.body, answer.status);
    }
    if (!result.ok) throw new ApiError(404, "NOT_FOUND");
    return json(result.value);
  });
}
