import { z } from "zod";
import { can, ROLES, type Action, type Grant } from "~/domain/access/permissions.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { UnitKind } from "~/generated/prisma/enums.ts";
import type { MessageKey, Params } from "~/i18n/index.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { appendAudit, auditedTransaction } from "./audit.server.ts";
import { createUnit, type PersonInput } from "./people.server.ts";
import { dayOf, fromDateColumn, isDay, toDateColumn } from "~/domain/time/calendar.ts";
import { recomputeObligations } from "./obligations/recompute.server.ts";
import { normalizeTypedDay, TYPED_DAY_ERROR } from "~/domain/time/typed-day.ts";

// Edits made on the people and units admin pages, plus the form schemas those
// pages share. Zod messages are i18n keys; the route translates them.

// ---------------------------------------------------------------------------
// Form schemas
// ---------------------------------------------------------------------------

const MAX_TEXT = 120;
const MAX_EMAIL = 254;
const EMPLOYEE_CODE_RE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;
const UNIT_CODE_RE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const k = (key: MessageKey) => key;

/** A trimmed, NFC-normalised single-line text. */
const text = (max = MAX_TEXT) =>
  z
    .string({ error: k("form.required") })
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, k("form.required")).max(max, k("people.error.tooLong")));

const optional = (s: string | undefined) => (s ?? "").trim() || null;

/** A real date typed dd/mm/yyyy (or YYYY-MM-DD), not after `today`. Returned as UTC midnight. */
function daySchema(today: string) {
  return z.preprocess(
    normalizeTypedDay,
    z
      .string({ error: k("form.required") })
      .trim()
      .refine((s) => s !== "", k("form.required"))
      .refine((s) => isRealDay(s), k(TYPED_DAY_ERROR))
      .refine((s) => s <= today, k("people.error.futureDate"))
      .transform((s) => toDateColumn(s)),
  );
}

/** A real day, not before 1900 (earlier years are typos). */
function isRealDay(s: string) {
  return isDay(s) && s >= "1900-01-01";
}

/** A database id from a form field (parseId), with the message to show when it is not one. */
const id = (msg: MessageKey) =>
  z.string({ error: msg }).transform((raw, ctx) => {
    const value = parseId(raw.trim());
    if (value === null) {
      ctx.addIssue({ code: "custom", message: msg });
      return z.NEVER;
    }
    return value;
  });

/** Fields an editor may change on a person (the employee code is fixed once created). */
export function personFieldsSchema(today: string) {
  return z.object({
    fullName: text(),
    positionId: id(k("people.error.position")),
    unitId: id(k("people.error.unit")),
    positionSince: daySchema(today),
    workStartedOn: daySchema(today),
    email: z
      .string()
      .optional()
      .transform((s) => optional(s)?.toLowerCase() ?? null)
      .refine((s) => s === null || s.length <= MAX_EMAIL, k("people.error.tooLong"))
      .refine((s) => s === null || EMAIL_RE.test(s), k("people.error.email")),
    phone: z
      .string()
      .optional()
      .transform(optional)
      .refine((s) => {
        if (s === null) return true;
        const digits = s.replace(/\D/g, "").length;
        return /^\+?[\d .-]+$/.test(s) && digits >= 8 && digits <= 15;
      }, k("people.error.phone"))
      .transform((s) => s?.replace(/[ .]/g, "") ?? null),
    status: z.enum(["ACTIVE", "LEFT"], { error: k("people.error.status") }),
  });
}

export function newPersonSchema(today: string) {
  return personFieldsSchema(today).extend({
    employeeCode: z
      .string({ error: k("form.required") })
      .transform((s) => s.trim().toUpperCase())
      .pipe(z.string().min(1, k("form.required")).regex(EMPLOYEE_CODE_RE, k("people.error.code"))),
    password: z
      .string()
      .optional()
      .transform((s) => (s ?? "") || null),
  });
}

export const passwordResetSchema = z.object({
  password: z.string({ error: k("form.required") }).min(1, k("form.required")),
});

export const grantSchema = z.object({
  role: z.enum(ROLES, { error: k("people.error.role") }),
  unitId: id(k("people.error.unit")),
});

export const revokeSchema = z.object({ grantId: id(k("form.required")) });

export const newUnitSchema = z.object({
  code: z
    .string({ error: k("form.required") })
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().min(1, k("form.required")).regex(UNIT_CODE_RE, k("units.error.code"))),
  name: text(),
  kind: z.enum(UnitKind, { error: k("units.error.kind") }),
  parentId: id(k("units.error.parent")),
});

export const editUnitSchema = z.object({
  unitId: id(k("units.error.parent")),
  name: text(),
  kind: z.enum(UnitKind, { error: k("units.error.kind") }),
  // Empty only for a top-level unit that stays top-level.
  parentId: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = (s ?? "").trim();
      if (v === "") return null;
      const parentId = parseId(v);
      if (parentId === null) {
        ctx.addIssue({ code: "custom", message: k("units.error.parent") });
        return z.NEVER;
      }
      return parentId;
    }),
});

/**
 * Why a form was refused after parsing, field by field (`_form` for the whole
 * form): the reasons of a Result refused with code "invalid". Several reasons
 * for one field are shown together.
 */
export type FieldProblem = { field: string; key: MessageKey; params?: Params };

export const fieldProblem = (field: string, key: MessageKey, params?: Params): FieldProblem =>
  params ? { field, key, params } : { field, key };

/** Field problems in the request's language, one message per field. */
export function fieldErrors(problems: readonly FieldProblem[] = [], t: (key: MessageKey, params?: Params) => string) {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.field] = out[p.field] ? `${out[p.field]} ${t(p.key, p.params)}` : t(p.key, p.params);
  return out;
}

// ---------------------------------------------------------------------------
// Uniqueness and database errors
// ---------------------------------------------------------------------------

/** Which of `code` / `email` already belong to someone other than `exceptId`. */
export async function takenPersonFields(tx: Pick<Tx, "person">, input: { employeeCode?: string; email: string | null }, exceptId?: number) {
  const taken: ("employeeCode" | "email")[] = [];
  if (input.employeeCode) {
    const other = await tx.person.findUnique({ where: { employeeCode: input.employeeCode }, select: { id: true } });
    if (other && other.id !== exceptId) taken.push("employeeCode");
  }
  if (input.email) {
    const other = await tx.person.findUnique({ where: { email: input.email }, select: { id: true } });
    if (other && other.id !== exceptId) taken.push("email");
  }
  return taken;
}

/**
 * A unique-constraint violation (P2002). `fields` holds whatever names the
 * columns or the index (Prisma's `target`, or the driver adapter's constraint
 * and message), for `mentions` to look into.
 */
export function uniqueViolation(error: unknown): { fields: string[] } | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  type Cause = { constraint?: { fields?: unknown; index?: unknown }; originalMessage?: unknown };
  const meta = (error.meta ?? {}) as { target?: unknown; driverAdapterError?: { cause?: Cause } };
  const cause = meta.driverAdapterError?.cause;
  const fields = [meta.target, cause?.constraint?.fields, cause?.constraint?.index, cause?.originalMessage]
    .flat()
    .filter((v) => v !== undefined && v !== null)
    .map(String);
  return { fields };
}

/** True when a unique violation mentions `column` (either its field or its DB name). */
export function mentions(v: { fields: string[] }, ...columns: string[]) {
  return v.fields.some((f) => columns.some((c) => f.includes(c)));
}

/** The units_set_path trigger refuses to move a unit under its own subtree. */
export function isCycleError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("cannot be moved under its own subtree");
}

// ---------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------

type PersonEdit = Omit<PersonInput, "employeeCode">;
const PERSON_FIELDS = ["fullName", "positionId", "positionSince", "unitId", "workStartedOn", "email", "phone", "status"] as const;

function plain(value: unknown) {
  if (value instanceof Date) return fromDateColumn(value);
  return value ?? null;
}

/**
 * Updates a person and records the changed fields as {field: [old, new]}. A
 * person who leaves (status LEFT) is logged out everywhere. No change, no entry.
 */
export async function updatePerson(tx: Tx, personId: number, input: Partial<PersonEdit>, actorId: number | null, now: Date) {
  const before = await tx.person.findUniqueOrThrow({ where: { id: personId } });
  input = withPositionSince(before, input, now);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of PERSON_FIELDS) {
    if (input[field] === undefined) continue;
    const [a, b] = [plain(before[field]), plain(field === "email" ? (input.email?.toLowerCase() ?? null) : input[field])];
    if (a !== b) changes[field] = [a, b];
  }
  if (Object.keys(changes).length === 0) return { person: before, changes };
  const person = await tx.person.update({
    where: { id: personId },
    data: { ...input, email: input.email === undefined ? undefined : (input.email?.toLowerCase() ?? null) },
  });
  if (changes.unitId || changes.positionId || changes.positionSince || changes.status) await recomputeObligations(tx, [personId], now);
  let sessionsEnded = 0;
  if (changes.status && person.status === "LEFT") {
    ({ count: sessionsEnded } = await tx.session.deleteMany({ where: { account: { personId } } }));
  }
  await appendAudit(
    tx,
    {
      actorId,
      action: "person.update",
      unitId: person.unitId,
      targetType: "person",
      targetId: personId,
      data: { ...changes, ...(sessionsEnded > 0 ? { sessionsEnded } : {}) },
    },
    now,
  );
  return { person, changes };
}

/**
 * A move or a new position without a new position date takes the position
 * today (decision 043): obligations new to the person run from today, while
 * those they had before keep their dates.
 */
function withPositionSince(
  before: { unitId: number; positionId: number; positionSince: Date },
  input: Partial<PersonEdit>,
  now: Date,
): Partial<PersonEdit> {
  const moved =
    (input.unitId !== undefined && input.unitId !== before.unitId) ||
    (input.positionId !== undefined && input.positionId !== before.positionId);
  const dated = input.positionSince !== undefined && plain(input.positionSince) !== plain(before.positionSince);
  return moved && !dated ? { ...input, positionSince: toDateColumn(dayOf(now)) } : input;
}

/** Renames / re-kinds / moves a unit. The DB trigger re-paths the subtree (and refuses cycles). */
export async function updateUnit(
  tx: Tx,
  unitId: number,
  input: { name: string; kind: UnitKind; parentId: number | null },
  actorId: number | null,
  now: Date,
) {
  const before = await tx.unit.findUniqueOrThrow({ where: { id: unitId } });
  const changes: Record<string, [unknown, unknown]> = {};
  if (before.name !== input.name) changes.name = [before.name, input.name];
  if (before.kind !== input.kind) changes.kind = [before.kind, input.kind];
  if (before.parentId !== input.parentId) changes.parentId = [before.parentId, input.parentId];
  if (Object.keys(changes).length === 0) return { unit: before, changes };
  const unit = await tx.unit.update({ where: { id: unitId }, data: input });
  await appendAudit(tx, { actorId, action: "unit.update", unitId, targetType: "unit", targetId: unitId, data: changes }, now);
  if (changes.kind)
    await recomputeObligations(
      tx,
      (await tx.person.findMany({ where: { unitId }, select: { id: true } })).map((p) => p.id),
      now,
    );
  return { unit, changes };
}

/** True when `unitId` exists and `grants` allow `action` on it. */
export async function unitAllows(db: Pick<Tx, "unit">, grants: readonly Grant[], action: Action, unitId: number) {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { path: true } });
  return unit !== null && can(grants, action, unit.path);
}

// ---------------------------------------------------------------------------
// The units admin page
// ---------------------------------------------------------------------------

type Actor = { personId: number; grants: readonly Grant[] };
export type UnitChangeResult = Result<undefined, "invalid" | "notFound" | "forbidden", FieldProblem>;

/** A new unit under a parent the actor holds units:write on. */
export async function addUnit(
  actor: Actor,
  input: { code: string; name: string; kind: UnitKind; parentId: number },
  now: Date,
): Promise<UnitChangeResult> {
  const db = getDb();
  if (!(await unitAllows(db, actor.grants, "units:write", input.parentId)))
    return refused("invalid", [fieldProblem("parentId", "units.error.parent")]);
  if (await db.unit.findUnique({ where: { code: input.code }, select: { id: true } }))
    return refused("invalid", [fieldProblem("code", "units.error.codeTaken")]);
  try {
    await auditedTransaction((tx) => createUnit(tx, input, actor.personId, now));
  } catch (error) {
    const violation = uniqueViolation(error);
    if (violation && mentions(violation, "code")) return refused("invalid", [fieldProblem("code", "units.error.codeTaken")]);
    throw error;
  }
  return ok();
}

/**
 * Renames, re-kinds or moves a unit the actor holds units:write on. Staying
 * put needs no right over the parent; moving needs units:write on the new one.
 */
export async function editUnit(
  actor: Actor,
  unitId: number,
  input: { name: string; kind: UnitKind; parentId: number | null },
  now: Date,
): Promise<UnitChangeResult> {
  const db = getDb();
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { path: true, parentId: true } });
  if (!unit) return refused("notFound");
  if (!can(actor.grants, "units:write", unit.path)) return refused("forbidden");
  if (input.parentId !== unit.parentId) {
    if (input.parentId === null || !(await unitAllows(db, actor.grants, "units:write", input.parentId))) {
      return refused("invalid", [fieldProblem("parentId", "units.error.parent")]);
    }
  }
  try {
    await auditedTransaction((tx) => updateUnit(tx, unitId, input, actor.personId, now));
  } catch (error) {
    if (isCycleError(error)) return refused("invalid", [fieldProblem("parentId", "units.error.cycle")]);
    throw error;
  }
  return ok();
}
