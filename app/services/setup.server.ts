// The first administrator of a new installation (`npm run admin -- setup`): a
// production database starts with no units and no accounts, and every page
// that creates them needs an administrator. Only on a database with none.
import { randomBytes } from "node:crypto";
import { refused, ok, type Result } from "~/domain/result.ts";
import { dayOf, toDateColumn } from "~/domain/time/calendar.ts";
import { auditedTransaction } from "./audit.server.ts";
import { hashPassword } from "./passwords.server.ts";
import { createPerson, createUnit, grantRole, setPassword } from "./people.server.ts";

export type SetupInput = { unitCode: string; unitName: string; email: string; fullName: string; employeeCode: string };
export type SetupProblem = "ADMIN_EXISTS" | "TAKEN";

/** A temporary password of 20 letters and digits; it must be changed at the first login. */
const temporaryPassword = () => randomBytes(15).toString("base64url").replace(/[-_]/g, "x");

/**
 * Makes the root unit (a province) unless a unit with that code exists, a person
 * in it, their account with a temporary password, and the ADMIN role on the
 * unit's subtree — audited, in one transaction. Refused once any administrator exists.
 */
export async function setUpFirstAdmin(input: SetupInput, now: Date): Promise<Result<{ password: string; unitCode: string }, SetupProblem>> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return auditedTransaction(async (tx) => {
    if ((await tx.roleGrant.count({ where: { role: "ADMIN" } })) > 0) return refused("ADMIN_EXISTS");
    const taken = await tx.person.findFirst({
      where: { OR: [{ employeeCode: input.employeeCode }, { email: input.email.toLowerCase() }] },
      select: { id: true },
    });
    if (taken) return refused("TAKEN");
    const unit =
      (await tx.unit.findUnique({ where: { code: input.unitCode } })) ??
      (await createUnit(tx, { code: input.unitCode, name: input.unitName, kind: "PROVINCE", parentId: null }, null, now));
    const position = await tx.position.findUniqueOrThrow({ where: { code: "CHUYEN_VIEN" }, select: { id: true } });
    const today = toDateColumn(dayOf(now));
    const person = await createPerson(
      tx,
      {
        employeeCode: input.employeeCode,
        fullName: input.fullName,
        unitId: unit.id,
        positionId: position.id,
        positionSince: today,
        workStartedOn: today,
        email: input.email,
        phone: null,
      },
      null,
      now,
    );
    await grantRole(tx, { personId: person.id, role: "ADMIN", unitId: unit.id }, null, now);
    await setPassword(tx, person.id, passwordHash, { actorId: null, mustChange: true, unitId: unit.id }, now);
    return ok({ password, unitCode: unit.code });
  });
}
