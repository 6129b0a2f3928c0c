// The position catalogue and the requirement rules, as administrators edit them
// (/admin/positions, /admin/requirements). Every change is audited and
// recomputes, in its transaction, the obligations of everyone it touches.
import { z } from "zod";
import { parseId } from "~/utils/ids.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { dayOf, fromDateColumn, toDateColumn } from "~/domain/time/calendar.ts";
import { UnitKind } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { peopleTouchedBy, recomputeObligations } from "./recompute.server.ts";

const k = (key: MessageKey) => key;
const text = (max: number) =>
  z
    .string({ error: k("form.required") })
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, k("form.required")).max(max, k("obligations.error.tooLong")));
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");
const optionalId = (msg: MessageKey) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || parseId(v) !== null, msg)
    .transform((v) => (v === "" ? null : parseId(v)));

const POSITION_CODE_RE = /^[A-Z][A-Z0-9_]{1,39}$/;

export const positionSchema = z.object({
  code: z
    .string({ error: k("form.required") })
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().min(1, k("form.required")).regex(POSITION_CODE_RE, k("obligations.error.positionCode"))),
  name: text(120),
  nameEn: text(120),
  secretAccess: checkbox,
  sortOrder: z.coerce
    .number({ error: k("obligations.error.sortOrder") })
    .int(k("obligations.error.sortOrder"))
    .min(0, k("obligations.error.sortOrder"))
    .max(100_000, k("obligations.error.sortOrder")),
});
export type PositionInput = z.infer<typeof positionSchema>;

export const ruleSchema = z
  .object({
    unitKind: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || (Object.values(UnitKind) as string[]).includes(v), k("obligations.error.unitKind"))
      .transform((v) => (v === "" ? null : (v as UnitKind))),
    positionId: optionalId(k("obligations.error.position")),
    secretAccess: checkbox,
    certificationTypeId: z.coerce
      .number({ error: k("obligations.error.certificationType") })
      .int(k("obligations.error.certificationType"))
      .positive(k("obligations.error.certificationType")),
    dueWithinDays: z.coerce
      .number({ error: k("obligations.error.dueWithinDays") })
      .int(k("obligations.error.dueWithinDays"))
      .min(0, k("obligations.error.dueWithinDays"))
      .max(3650, k("obligations.error.dueWithinDays")),
    gatesKt1Duty: checkbox,
  })
  .refine((r) => r.unitKind !== null || r.positionId !== null || r.secretAccess, {
    message: k("obligations.error.selectsNobody"),
    path: ["_form"],
  });
export type RuleInput = z.infer<typeof ruleSchema>;

export type RequirementsRefusal = "notFound" | "codeTaken" | "unknownPosition" | "unknownCertificationType" | "duplicateRule";

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export async function listPositions(db: Pick<Tx, "position"> = getDb()) {
  const rows = await db.position.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    include: { _count: { select: { people: true, rules: true } } },
  });
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    secretAccess: p.secretAccess,
    sortOrder: p.sortOrder,
    people: p._count.people,
    rules: p._count.rules,
  }));
}

/** Positions for a select: id and name, in catalogue order. */
export async function positionOptions() {
  const rows = await getDb().position.findMany({
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, code: true, name: true },
  });
  return rows;
}

export async function positionExists(id: number) {
  return (await getDb().position.count({ where: { id } })) > 0;
}

export async function listRules() {
  const db = getDb();
  const [rules, counts] = await Promise.all([
    db.requirementRule.findMany({
      orderBy: [{ certificationType: { code: "asc" } }, { id: "asc" }],
      include: { position: { select: { name: true, code: true } }, certificationType: { select: { code: true, name: true } } },
    }),
    db.obligation.groupBy({ by: ["ruleId"], _count: true }),
  ]);
  const obligated = new Map(counts.map((c) => [c.ruleId, c._count]));
  return rules.map((r) => ({
    id: r.id,
    unitKind: r.unitKind,
    positionId: r.positionId,
    positionName: r.position?.name ?? null,
    secretAccess: r.secretAccess,
    certificationTypeId: r.certificationTypeId,
    certificationTypeCode: r.certificationType.code,
    certificationTypeName: r.certificationType.name,
    dueWithinDays: r.dueWithinDays,
    gatesKt1Duty: r.gatesKt1Duty,
    effectiveFrom: fromDateColumn(r.effectiveFrom),
    obligated: obligated.get(r.id) ?? 0,
  }));
}

export async function certificationTypeOptions() {
  return getDb().certificationType.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
}

// ---------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------

export async function savePosition(
  id: number | null,
  input: PositionInput,
  actorId: number | null,
  now: Date,
): Promise<Result<{ id: number }, RequirementsRefusal>> {
  return auditedTransaction(async (tx) => {
    const sameCode = await tx.position.findUnique({ where: { code: input.code }, select: { id: true } });
    if (sameCode && sameCode.id !== id) return refused("codeTaken");
    if (id === null) {
      const created = await tx.position.create({ data: input });
      await appendAudit(tx, { actorId, action: "position.create", targetType: "position", targetId: created.id, data: input }, now);
      return ok({ id: created.id });
    }
    const before = await tx.position.findUnique({ where: { id } });
    if (!before) return refused("notFound");
    const changes: Record<string, [unknown, unknown]> = {};
    for (const f of ["code", "name", "nameEn", "secretAccess", "sortOrder"] as const)
      if (before[f] !== input[f]) changes[f] = [before[f], input[f]];
    if (Object.keys(changes).length === 0) return ok({ id });
    await tx.position.update({ where: { id }, data: input });
    await appendAudit(tx, { actorId, action: "position.update", targetType: "position", targetId: id, data: changes }, now);
    // Access to secrets is what secret-access rules select on.
    if (changes.secretAccess)
      await recomputeObligations(
        tx,
        (await tx.person.findMany({ where: { positionId: id }, select: { id: true } })).map((p) => p.id),
        now,
      );
    return ok({ id });
  });
}

// ---------------------------------------------------------------------------
// Requirement rules
// ---------------------------------------------------------------------------

async function checkRule(tx: Tx, input: RuleInput, exceptId: number | null): Promise<RequirementsRefusal | null> {
  if (input.positionId !== null && !(await tx.position.findUnique({ where: { id: input.positionId }, select: { id: true } })))
    return "unknownPosition";
  if (!(await tx.certificationType.findUnique({ where: { id: input.certificationTypeId }, select: { id: true } })))
    return "unknownCertificationType";
  const twin = await tx.requirementRule.findFirst({
    where: {
      unitKind: input.unitKind,
      positionId: input.positionId,
      secretAccess: input.secretAccess,
      certificationTypeId: input.certificationTypeId,
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  return twin ? "duplicateRule" : null;
}

const targetOf = (r: { unitKind: string | null; positionId: number | null; secretAccess: boolean }) => ({
  unitKind: r.unitKind,
  positionId: r.positionId,
  secretAccess: r.secretAccess,
});

export async function createRule(
  input: RuleInput,
  actorId: number | null,
  now: Date,
  effectiveFrom = dayOf(now),
): Promise<Result<{ id: number; recomputed: number }, RequirementsRefusal>> {
  return auditedTransaction(async (tx) => {
    const problem = await checkRule(tx, input, null);
    if (problem) return refused(problem);
    const rule = await tx.requirementRule.create({ data: { ...input, effectiveFrom: toDateColumn(effectiveFrom) } });
    await appendAudit(
      tx,
      { actorId, action: "requirement.create", targetType: "requirement_rule", targetId: rule.id, data: { ...input, effectiveFrom } },
      now,
    );
    const people = await peopleTouchedBy(tx, [targetOf(input)], null);
    await recomputeObligations(tx, people, now);
    return ok({ id: rule.id, recomputed: people.length });
  });
}

/**
 * A rule whose target changes (unit kind, position, access to secrets, type)
 * takes effect again today for the people it newly selects; a change of the
 * number of days moves the due dates of the obligations it holds.
 */
export async function updateRule(
  id: number,
  input: RuleInput,
  actorId: number | null,
  now: Date,
): Promise<Result<{ id: number; recomputed: number }, RequirementsRefusal>> {
  return auditedTransaction(async (tx) => {
    const before = await tx.requirementRule.findUnique({ where: { id } });
    if (!before) return refused("notFound");
    const problem = await checkRule(tx, input, id);
    if (problem) return refused(problem);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const f of ["unitKind", "positionId", "secretAccess", "certificationTypeId", "dueWithinDays", "gatesKt1Duty"] as const)
      if (before[f] !== input[f]) changes[f] = [before[f], input[f]];
    if (Object.keys(changes).length === 0) return ok({ id, recomputed: 0 });
    const retargeted = changes.unitKind || changes.positionId || changes.secretAccess || changes.certificationTypeId;
    const effectiveFrom = retargeted ? dayOf(now) : fromDateColumn(before.effectiveFrom);
    await tx.requirementRule.update({ where: { id }, data: { ...input, effectiveFrom: toDateColumn(effectiveFrom) } });
    await appendAudit(
      tx,
      {
        actorId,
        action: "requirement.update",
        targetType: "requirement_rule",
        targetId: id,
        data: { ...changes, ...(retargeted ? { effectiveFrom } : {}) },
      },
      now,
    );
    const people = await peopleTouchedBy(tx, [targetOf(before), targetOf(input)], id);
    await recomputeObligations(tx, people, now);
    return ok({ id, recomputed: people.length });
  });
}

export async function deleteRule(
  id: number,
  actorId: number | null,
  now: Date,
): Promise<Result<{ recomputed: number }, RequirementsRefusal>> {
  return auditedTransaction(async (tx) => {
    const before = await tx.requirementRule.findUnique({ where: { id }, include: { certificationType: { select: { code: true } } } });
    if (!before) return refused("notFound");
    const people = await peopleTouchedBy(tx, [targetOf(before)], id);
    // Obligations move to the other rules first, so the rule has none left to hold.
    await recomputeObligations(tx, people, now, { withoutRuleId: id });
    await tx.requirementRule.delete({ where: { id } });
    await appendAudit(
      tx,
      {
        actorId,
        action: "requirement.delete",
        targetType: "requirement_rule",
        targetId: id,
        data: { ...targetOf(before), certificationType: before.certificationType.code, dueWithinDays: before.dueWithinDays },
      },
      now,
    );
    return ok({ recomputed: people.length });
  });
}

/** Where a refusal shows on the form, as message keys (the route translates them). */
export function refusalErrors(code: RequirementsRefusal): Record<string, MessageKey> {
  switch (code) {
    case "codeTaken":
      return { code: "obligations.error.codeTaken" };
    case "unknownPosition":
      return { positionId: "obligations.error.position" };
    case "unknownCertificationType":
      return { certificationTypeId: "obligations.error.certificationType" };
    case "duplicateRule":
      return { _form: "obligations.error.duplicateRule" };
    case "notFound":
      return { _form: "obligations.error.notFound" };
  }
}
