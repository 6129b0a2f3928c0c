// GET /api/v1/staff/{employeeCode}/obligations (scope compliance:read): what a
// person must hold, with each obligation's status now (decision 042).
import { getDb } from "~/utils/db.server.ts";
import { commitmentObligationsOf } from "../obligations/commitment.server.ts";
import { obligationsOf } from "../obligations/read.server.ts";
import { requireInTokenScope } from "./http.server.ts";
import type { AuthenticatedToken } from "./tokens.server.ts";

export async function staffObligations(token: AuthenticatedToken, employeeCode: string, now: Date) {
  const row = await getDb().person.findUnique({
    where: { employeeCode },
    select: { id: true, employeeCode: true, unit: { select: { path: true } } },
  });
  const person = requireInTokenScope(
    token,
    row,
    (p) => p.unit.path,
    { key: "api.notFound.employee", params: { code: employeeCode } },
    "employeeCode",
  );
  const [certifications, commitments] = await Promise.all([obligationsOf([person.id], now), commitmentObligationsOf([person.id], now)]);
  const list = certifications.get(person.id) ?? [];
  const commitment = commitments.get(person.id);
  return {
    employeeCode: person.employeeCode,
    obligations: list.map((o) => ({ certificationType: o.certificationType, status: o.status, dueOn: o.dueOn, validUntil: o.validUntil })),
    commitment: commitment
      ? { status: commitment.status, dueOn: commitment.dueOn, version: commitment.version, signedOn: commitment.signedOn }
      : null,
  };
}
