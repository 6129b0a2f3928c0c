import { z } from "zod";
import type { Route } from "./+types/api.v1.assignments._index";
import { sha256Hex } from "~/domain/hashing.ts";
import { idempotencyKeyOf, withIdempotency } from "~/services/api/idempotency.server.ts";
import { ApiError, apiHandler, json, readBeforeToken, refusalAnswer, requireToken, stationInScope } from "~/services/api/http.server.ts";
import {
  checkDutyInterval,
  code,
  dateTime,
  DEFAULT_PAGE,
  fieldError,
  pageHeaders,
  pageQuery,
  readJson,
  readQuery,
} from "~/services/api/input.server.ts";
import { assignViaApi, listAssignments, reasonsView, type OnBooked } from "~/services/api/roster-api.server.ts";
import { tokenAndTargets } from "~/services/api/roster-targets.server.ts";

const listQuery = z.strictObject({ station: code.optional(), from: dateTime.optional(), to: dateTime.optional(), ...pageQuery });

const assignmentBody = z
  .strictObject({ employeeCode: code, dutyType: code, station: code, start: dateTime, end: dateTime })
  .superRefine(checkDutyInterval);

// GET /api/v1/assignments?station=&from=&to=&limit=&cursor= — assignments
// (active and cancelled) at the token's stations whose shifts overlap [from, to).
export async function loader({ request }: Route.LoaderArgs) {
  return apiHandler(request, async () => {
    const token = await requireToken(request, "roster:read", new Date());
    const q = readQuery(request, listQuery);
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && !(to > from)) fieldError("to", "TO_NOT_AFTER_FROM");
    const station = q.station ? await stationInScope(token, q.station) : undefined;
    const page = await listAssignments(token, { stationId: station?.id, from, to }, { limit: q.limit ?? DEFAULT_PAGE, cursor: q.cursor });
    return json(page.items, 200, pageHeaders(request, page.nextCursor));
  });
}

// POST /api/v1/assignments — assigns a person to the shift at that station, of
// that duty type and time (created when there is none), under the same rule
// as every other path. Idempotency-Key makes retries safe (roster:write).
export async function action({ request }: Route.ActionArgs) {
  return apiHandler(request, async (locale) => {
    if (request.method !== "POST") throw new ApiError(405, "METHOD_NOT_ALLOWED", undefined, {}, { Allow: "GET, POST" });
    const now = new Date();
    const { key, data, bodyHash } = await readBeforeToken(request, "roster:write", now, async () => {
      const key = idempotencyKeyOf(request);
      return { key, ...(await readJson(request, assignmentBody)) };
    });
    const duty = { startsAt: new Date(data.start), endsAt: new Date(data.end) };
    const { token, targets } = await tokenAndTargets(request, "roster:write", now, data, duty, true);
    const answer = await withIdempotency(token.id, key, sha256Hex(`POST /api/v1/assignments\n${bodyHash}`), now, async (record) => {
      // The 201 is stored in the booking's own transaction (decision 066); without a key there is nothing to store.
      const onBooked: OnBooked | undefined = key === null ? undefined : (tx, view) => record(tx, { status: 201, body: view });
      const result = await assignViaApi(token, targets, now, onBooked);
      if (result.ok) return { status: 201, body: result.value };
      if (result.code === "NOT_ELIGIBLE")
        return refusalAnswer(422, result.code, locale, { reasons: reasonsView(result.reasons ?? [], locale) });
      return refusalAnswer(409, result.code, locale);
    });
    const headers: Record<string, string> = {};
    if (answer.replayed) headers["Idempotent-Replayed"] = "true";
    const id = answer.status === 201 ? (answer.body as { id?: unknown }).id : undefined;
    if (typeof id === "number") headers.Location = `/api/v1/assignments/${id}`;
    return json(answer.body, answer.status, headers);
  });
}
