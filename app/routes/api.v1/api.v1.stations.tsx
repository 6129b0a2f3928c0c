import { z } from "zod";
import type { Route } from "./+types/api.v1.stations";
import { apiHandler, json, methodNotAllowed, requireToken } from "~/services/api/http.server.ts";
import { readQuery } from "~/services/api/input.server.ts";
import { listStations } from "~/services/api/roster-api.server.ts";

// GET /api/v1/stations — the stations in the token's unit subtree (roster:read).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async () => {
    const token = await requireToken(request, "roster:read", new Date());
    readQuery(request, z.strictObject({}));
    return json(await listStations(token));
  });
}

export const action = methodNotAllowed(["GET"]);
