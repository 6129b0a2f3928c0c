import { z } from "zod";
import type { Route } from "./+types/api.v1.duty-types";
import { apiHandler, json, methodNotAllowed, requireToken } from "~/services/api/http.server.ts";
import { readQuery } from "~/services/api/input.server.ts";
import { listDutyTypes } from "~/services/api/roster-api.server.ts";

// GET /api/v1/duty-types — every duty type with what it requires (roster:read).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async () => {
    await requireToken(request, "roster:read", new Date());
    readQuery(request, z.strictObject({}));
    return json(await listDutyTypes());
  });
}

export const action = methodNotAllowed(["GET"]);
