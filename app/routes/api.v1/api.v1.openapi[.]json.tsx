import type { Route } from "./+types/api.v1.openapi[.]json";
import { apiHandler, json, methodNotAllowed } from "~/services/api/http.server.ts";
import { openApiDocument } from "~/services/api/openapi.ts";

// GET /api/v1/openapi.json — the API's description (public: it holds no data).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async () => json(openApiDocument, 200, { "Cache-Control": "public, max-age=300" }));
}

export const action = methodNotAllowed(["GET"]);
