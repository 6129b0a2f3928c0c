// A worker that dies inside a booking's transaction, after the Idempotency-Key's
// answer was written and before COMMIT (tests/faults/idempotent-booking.test.ts):
// run as its own process against the test file's database, it kills itself with
// SIGKILL there, so no cleanup of any kind runs. Argument: the request as JSON.
import { withIdempotency } from "~/services/api/idempotency.server.ts";
import { assignViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import type { AuthenticatedToken } from "~/services/api/tokens.server.ts";

type Args = {
  token: AuthenticatedToken;
  codes: { station: string; employeeCode: string; dutyType: string };
  when: { startsAt: string; endsAt: string };
  key: string;
  now: string;
};
const args = JSON.parse(process.argv[2]) as Args;
const now = new Date(args.now);
const when = { startsAt: new Date(args.when.startsAt), endsAt: new Date(args.when.endsAt) };
await withIdempotency(args.token.id, args.key, "same-request", now, async (record) => {
  const targets = await rosterTargets(args.token, args.codes, when, true);
  await assignViaApi(args.token, targets, now, async (tx, view) => {
    await record(tx, { status: 201, body: view });
    process.kill(process.pid, "SIGKILL");
  });
  throw new Error("unreachable: the process was killed before COMMIT");
});
