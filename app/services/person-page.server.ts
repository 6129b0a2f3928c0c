import type { UnitOption } from "~/components/people/form-field.tsx";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { positionExists, positionOptions } from "./obligations/requirements.server.ts";
import type { PersonView } from "~/components/people/person-facts.tsx";
import { can, scopeOf, type Action, type Role } from "~/domain/access/permissions.ts";
import { checkPassword, PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { mayRemind } from "~/domain/reminders/access.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { auditedTransaction } from "./audit.server.ts";
import { commitmentViewOf } from "./commitment.server.ts";
import { certificationsOf } from "./exams/certifications.server.ts";
import { hashPassword } from "./passwords.server.ts";
import {
  fieldProblem,
  mentions,
  takenPersonFields,
  uniqueViolation,
  unitAllows,
  updatePerson,
  type FieldProblem,
} from "./people-admin.server.ts";
import { createPerson, grantRole, revokeRole, setPassword, type PersonInput } from "./people.server.ts";
import { unitsInScope } from "./units.server.ts";

// The person page (/people/:personId): what it shows and the changes made from
// it. The route reads the id, checks who may see the person (requireFound) and
// which change is allowed; these functions look up and write.

/** Units the user may choose for `action` (their scope), for a select. */
export async function unitOptions(user: SessionUser, action: Action): Promise<UnitOption[]> {
  const rows = await unitsInScope(scopeOf(user.grants, action));
  return rows.map(({ id, code, name, depth }) => ({ id, code, name, depth }));
}

/** A person with what the page shows about them, or null. */
export function findPersonForPage(id: number) {
  return getDb().person.findUnique({
    where: { id },
    include: {
      unit: { select: { name: true, code: true, path: true } },
      account: { select: { mustChangePassword: true } },
      grants: { include: { unit: { select: { name: true, code: true, path: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
}

type PagePerson = NonNullable<Awaited<ReturnType<typeof findPersonForPage>>>;

/** A person as a change from the page needs them (the rules look at the unit and the names), or null. */
export function findPersonForChange(id: number) {
  return getDb().person.findUnique({
    where: { id },
    select: { id: true, unitId: true, fullName: true, employeeCode: true, email: true, status: true, unit: { select: { path: true } } },
  });
}

export type ChangedPerson = NonNullable<Awaited<ReturnType<typeof findPersonForChange>>>;

/** Everything the page shows `user` about `person` (whom the route found they may read). */
export async function personPageData(user: SessionUser, person: PagePerson, now: Date) {
  const canWrite = can(user.grants, "people:write", person.unit.path);
  const canGrant = can(user.grants, "roles:grant", person.unit.path);
  const [certifications, commitment, writeUnits, grantUnits, positions] = await Promise.all([
    certificationsOf(person.id, now),
    commitmentViewOf(person.id),
    canWrite ? unitOptions(user, "people:write") : [],
    canGrant ? unitOptions(user, "roles:grant") : [],
    canWrite ? positionOptions() : [],
  ]);
  const view: PersonView = {
    id: person.id,
    employeeCode: person.employeeCode,
    fullName: person.fullName,
    unitId: person.unitId,
    unitName: person.unit.name,
    unitCode: person.unit.code,
    position: person.position,
    positionId: person.positionId,
    positionSince: fromDateColumn(person.positionSince),
    workStartedOn: fromDateColumn(person.workStartedOn),
    email: person.email,
    phone: person.phone,
    commitment,
    status: person.status,
    account: person.account,
  };
  return {
    person: view,
    grants: person.grants.map((g) => ({
      id: g.id,
      role: g.role,
      unitName: g.unit.name,
      unitCode: g.unit.code,
      createdAt: g.createdAt.toISOString(),
      canRevoke: can(user.grants, "roles:grant", g.unit.path),
    })),
    canWrite,
    canGrant,
    isSelf: user.personId === person.id,
    writeUnits,
    positions,
    grantUnits,
    certifications: certifications.map((c) => ({
      id: c.id,
      serial: c.serial,
      typeName: c.typeName,
      source: c.source,
      issuedAt: c.issuedAt.toISOString(),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status: c.status,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokeReason: c.revokeReason,
    })),
    canRevokeCertifications: can(user.grants, "certifications:revoke", person.unit.path),
    // A one-time key per page view: a double submit of a reminder form sends one reminder.
    remindKey: person.status === "ACTIVE" && mayRemind(user.grants, person.unit.path) ? crypto.randomUUID() : null,
  };
}

/** A change refused: a form problem (400), a record not found or not the user's to see (404), or not theirs to change (403). */
export type ChangeRefusal = "invalid" | "notFound" | "forbidden";
export type ChangeResult = Result<undefined, ChangeRefusal, FieldProblem>;

const invalid = (field: string, key: FieldProblem["key"]) => refused("invalid" as const, [fieldProblem(field, key)]);

/** The editable fields of a person (the route checked people:write on their unit). */
export async function editPerson(
  actor: SessionUser,
  person: ChangedPerson,
  input: Omit<PersonInput, "employeeCode">,
  now: Date,
): Promise<ChangeResult> {
  const db = getDb();
  if (input.unitId !== person.unitId && !(await unitAllows(db, actor.grants, "people:write", input.unitId)))
    return invalid("unitId", "people.error.unit");
  if (!(await positionExists(input.positionId))) return invalid("positionId", "people.error.position");
  if (person.id === actor.personId && input.status === "LEFT") return invalid("status", "people.error.selfLeave");
  if ((await takenPersonFields(db, { email: input.email }, person.id)).includes("email"))
    return invalid("email", "people.error.emailTaken");
  try {
    await auditedTransaction((tx) => updatePerson(tx, person.id, input, actor.personId, now));
  } catch (error) {
    if (uniqueViolation(error)) return invalid("email", "people.error.emailTaken");
    throw error;
  }
  return ok();
}

/** Marks a person as having left (their sessions end); nobody marks themself. */
export async function deactivatePerson(actor: SessionUser, person: ChangedPerson, now: Date): Promise<ChangeResult> {
  if (person.id === actor.personId) return invalid("_form", "people.error.selfLeave");
  await auditedTransaction((tx) => updatePerson(tx, person.id, { status: "LEFT" }, actor.personId, now));
  return ok();
}

/** Sets a temporary password (changed at next login); not one's own, which goes through /account. */
export async function resetPassword(actor: SessionUser, person: ChangedPerson, password: string, now: Date): Promise<ChangeResult> {
  if (person.id === actor.personId) return invalid("_form", "people.reset.self");
  const problems = checkPassword(password, person);
  if (problems.length > 0) {
    return refused(
      "invalid",
      problems.map((p) => fieldProblem("password", `password.${p}`, { min: PASSWORD_MIN_LENGTH })),
    );
  }
  const hash = await hashPassword(password);
  await auditedTransaction((tx) =>
    setPassword(tx, person.id, hash, { actorId: actor.personId, mustChange: true, unitId: person.unitId }, now),
  );
  return ok();
}

/** Grants `role` on `unitId`, which the actor must hold roles:grant on. */
export async function grantPersonRole(
  actor: SessionUser,
  person: ChangedPerson,
  input: { role: Role; unitId: number },
  now: Date,
): Promise<ChangeResult> {
  const db = getDb();
  const target = await db.unit.findUnique({ where: { id: input.unitId }, select: { path: true } });
  if (!target) return invalid("unitId", "people.error.unit");
  if (!can(actor.grants, "roles:grant", target.path)) return refused("forbidden");
  const grant = { personId: person.id, role: input.role, unitId: input.unitId };
  if (await db.roleGrant.findUnique({ where: { personId_role_unitId: grant } })) return invalid("role", "people.grants.exists");
  await auditedTransaction((tx) => grantRole(tx, grant, actor.personId, now));
  return ok();
}

/** Revokes one of the person's grants, on a unit the actor holds roles:grant on. */
export async function revokePersonRole(actor: SessionUser, person: ChangedPerson, grantId: number, now: Date): Promise<ChangeResult> {
  const grant = await getDb().roleGrant.findUnique({ where: { id: grantId }, include: { unit: { select: { path: true } } } });
  if (!grant || grant.personId !== person.id) return refused("notFound");
  if (!can(actor.grants, "roles:grant", grant.unit.path)) return refused("forbidden");
  await auditedTransaction((tx) => revokeRole(tx, grant.id, actor.personId, now));
  return ok();
}

/**
 * Adds a person in a unit the actor may write to (a LEARNER grant comes with
 * it), with a temporary password when one is given. The new person's id, or
 * the fields refused.
 */
export async function addPerson(
  actor: SessionUser,
  input: PersonInput,
  password: string | null,
  now: Date,
): Promise<Result<number, "invalid", FieldProblem>> {
  const db = getDb();
  if (!(await unitAllows(db, actor.grants, "people:write", input.unitId))) return invalid("unitId", "people.error.unit");
  if (!(await positionExists(input.positionId))) return invalid("positionId", "people.error.position");
  const taken = await takenPersonFields(db, input);
  const problems: FieldProblem[] = [];
  if (taken.includes("employeeCode")) problems.push(fieldProblem("employeeCode", "people.error.codeTaken"));
  if (taken.includes("email")) problems.push(fieldProblem("email", "people.error.emailTaken"));
  if (problems.length > 0) return refused("invalid", problems);
  if (password !== null) {
    const weak = checkPassword(password, input);
    if (weak.length > 0)
      return refused(
        "invalid",
        weak.map((p) => fieldProblem("password", `password.${p}`, { min: PASSWORD_MIN_LENGTH })),
      );
  }
  const passwordHash = password === null ? null : await hashPassword(password);
  try {
    const personId = await auditedTransaction(async (tx) => {
      const person = await createPerson(tx, input, actor.personId, now);
      if (passwordHash)
        await setPassword(tx, person.id, passwordHash, { actorId: actor.personId, mustChange: true, unitId: person.unitId }, now);
      return person.id;
    });
    return ok(personId);
  } catch (error) {
    // Someone else took the code or email between the checks above and the insert.
    const violation = uniqueViolation(error);
    if (!violation) throw error;
    return mentions(violation, "email") ? invalid("email", "people.error.emailTaken") : invalid("employeeCode", "people.error.codeTaken");
  }
}
