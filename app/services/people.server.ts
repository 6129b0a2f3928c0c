import type { Role } from "~/domain/access/permissions.ts";
import type { Tx } from "~/utils/db.server.ts";
import { appendAudit } from "./audit.server.ts";
import { recomputeObligations } from "./obligations/recompute.server.ts";

// Writes about units, people, accounts and roles. Each takes the caller's
// transaction (opened with auditedTransaction) so that the change and its
// audit entry commit together.

export type PersonInput = {
  employeeCode: string;
  fullName: string;
  unitId: number;
  positionId: number;
  /** The day the person took the position. */
  positionSince: Date;
  workStartedOn: Date;
  email: string | null;
  phone: string | null;
  status?: "ACTIVE" | "LEFT";
};

export async function createUnit(
  tx: Tx,
  input: { code: string; name: string; kind: string; parentId: number | null },
  actorId: number | null,
  now: Date,
) {
  const unit = await tx.unit.create({
    data: { code: input.code, name: input.name, kind: input.kind as never, parentId: input.parentId },
  });
  await appendAudit(tx, { actorId, action: "unit.create", unitId: unit.id, targetType: "unit", targetId: unit.id, data: input }, now);
  return unit;
}

export async function createPerson(tx: Tx, input: PersonInput, actorId: number | null, now: Date) {
  const person = await tx.person.create({ data: { ...input, email: input.email?.toLowerCase() ?? null } });
  await tx.roleGrant.create({ data: { personId: person.id, role: "LEARNER", unitId: person.unitId, grantedById: actorId } });
  await appendAudit(
    tx,
    {
      actorId,
      action: "person.create",
      unitId: person.unitId,
      targetType: "person",
      targetId: person.id,
      data: { employeeCode: person.employeeCode, fullName: person.fullName },
    },
    now,
  );
  await recomputeObligations(tx, [person.id], now);
  return person;
}

/** Sets (or resets) a password. A reset by someone else forces a change at next login. */
export async function setPassword(
  tx: Tx,
  personId: number,
  passwordHash: string,
  opts: { actorId: number | null; mustChange: boolean; unitId: number },
  now: Date,
) {
  const account = await tx.account.upsert({
    where: { personId },
    create: { personId, passwordHash, mustChangePassword: opts.mustChange },
    update: { passwordHash, mustChangePassword: opts.mustChange },
  });
  // A new password ends every existing session of that account.
  await tx.session.deleteMany({ where: { accountId: account.id } });
  await appendAudit(
    tx,
    {
      actorId: opts.actorId,
      action: opts.actorId === personId ? "account.password_change" : "account.password_reset",
      unitId: opts.unitId,
      targetType: "person",
      targetId: personId,
    },
    now,
  );
  return account;
}

export async function grantRole(tx: Tx, input: { personId: number; role: Role; unitId: number }, actorId: number | null, now: Date) {
  const grant = await tx.roleGrant.upsert({
    where: { personId_role_unitId: input },
    create: { ...input, grantedById: actorId },
    update: {},
  });
  await appendAudit(
    tx,
    { actorId, action: "role.grant", unitId: input.unitId, targetType: "person", targetId: input.personId, data: { role: input.role } },
    now,
  );
  return grant;
}

export async function revokeRole(tx: Tx, grantId: number, actorId: number | null, now: Date) {
  const grant = await tx.roleGrant.delete({ where: { id: grantId } });
  await appendAudit(
    tx,
    { actorId, action: "role.revoke", unitId: grant.unitId, targetType: "person", targetId: grant.personId, data: { role: grant.role } },
    now,
  );
  return grant;
}
