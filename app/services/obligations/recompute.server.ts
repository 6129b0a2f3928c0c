// Stored obligations kept in step with people and rules (decision 042): every
// write that changes who a person is (hire, move, position, leaving, import) or
// what the rules say calls recomputeObligations inside its own transaction, so
// the obligations commit with the change or not at all. The rule itself is
// app/domain/obligations/required.ts; statuses are computed when read.
import { reconcile, requiredOf, type RequirementRule, type StoredObligation } from "~/domain/obligations/required.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import type { Tx } from "~/utils/db.server.ts";

type PersonRow = {
  id: number;
  status: "ACTIVE" | "LEFT";
  unit_kind: string;
  position_id: number;
  secret_access: boolean;
  position_since: Date;
};

/** The requirement rules as the domain reads them. */
async function loadRules(tx: Pick<Tx, "requirementRule">, withoutRuleId?: number): Promise<RequirementRule[]> {
  const rows = await tx.requirementRule.findMany({
    where: withoutRuleId ? { id: { not: withoutRuleId } } : undefined,
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    unitKind: r.unitKind,
    positionId: r.positionId,
    secretAccess: r.secretAccess,
    certificationTypeId: r.certificationTypeId,
    dueWithinDays: r.dueWithinDays,
    effectiveFrom: fromDateColumn(r.effectiveFrom),
  }));
}

/**
 * Brings the stored obligations of `personIds` in line with the rules, inside
 * the caller's transaction. `withoutRuleId` leaves out a rule about to be
 * deleted. `now` is the instant of the change that called it: stored
 * obligations depend on no clock (a status does, and is computed when read).
 */
export async function recomputeObligations(tx: Tx, personIds: readonly number[], now: Date, options: { withoutRuleId?: number } = {}) {
  void now;
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return { written: 0, removed: 0 };
  // One after another: a transaction is one connection.
  const rules = await loadRules(tx, options.withoutRuleId);
  const people = await tx.$queryRaw<PersonRow[]>`
    select p.id, p.status::text as status, u.kind::text as unit_kind, p.position_id, pos.secret_access, p.position_since
      from people p join units u on u.id = p.unit_id join positions pos on pos.id = p.position_id
     where p.id = any(${ids}::int[])`;
  const stored = await tx.obligation.findMany({ where: { personId: { in: ids } } });
  const storedOf = new Map<number, StoredObligation[]>();
  for (const o of stored) {
    const list = storedOf.get(o.personId) ?? [];
    list.push({
      certificationTypeId: o.certificationTypeId,
      ruleId: o.ruleId,
      since: fromDateColumn(o.since),
      dueOn: fromDateColumn(o.dueOn),
    });
    storedOf.set(o.personId, list);
  }
  const upserts: (StoredObligation & { personId: number })[] = [];
  const removals: { personId: number; typeId: number }[] = [];
  for (const p of people) {
    const required = requiredOf(
      {
        status: p.status,
        unitKind: p.unit_kind,
        positionId: p.position_id,
        secretAccess: p.secret_access,
        positionSince: fromDateColumn(p.position_since),
      },
      rules,
    );
    const { upsert, remove } = reconcile(storedOf.get(p.id) ?? [], required, rules);
    for (const o of upsert) upserts.push({ ...o, personId: p.id });
    for (const typeId of remove) removals.push({ personId: p.id, typeId });
  }
  if (removals.length > 0) {
    await tx.$executeRaw`
      delete from obligations o
       using unnest(${removals.map((r) => r.personId)}::int[], ${removals.map((r) => r.typeId)}::int[]) as d(person_id, type_id)
       where o.person_id = d.person_id and o.certification_type_id = d.type_id`;
  }
  if (upserts.length > 0) {
    await tx.$executeRaw`
      insert into obligations (person_id, certification_type_id, rule_id, since, due_on)
      select * from unnest(${upserts.map((o) => o.personId)}::int[], ${upserts.map((o) => o.certificationTypeId)}::int[],
                           ${upserts.map((o) => o.ruleId)}::int[], ${upserts.map((o) => o.since)}::date[], ${upserts.map((o) => o.dueOn)}::date[])
      on conflict (person_id, certification_type_id) do update
         set rule_id = excluded.rule_id, since = excluded.since, due_on = excluded.due_on`;
  }
  return { written: upserts.length, removed: removals.length };
}

/** Everyone a rule's target selects now, plus everyone who holds an obligation from it. */
export async function peopleTouchedBy(
  tx: Pick<Tx, "$queryRaw">,
  targets: { unitKind: string | null; positionId: number | null; secretAccess: boolean }[],
  ruleId: number | null,
): Promise<number[]> {
  const ids = new Set<number>();
  for (const t of targets) {
    if (t.unitKind === null && t.positionId === null && !t.secretAccess) continue;
    const rows = await tx.$queryRaw<{ id: number }[]>`
      select p.id from people p join units u on u.id = p.unit_id join positions pos on pos.id = p.position_id
       where (${t.unitKind}::text is null or u.kind::text = ${t.unitKind}::text)
         and (${t.positionId}::int is null or p.position_id = ${t.positionId}::int)
         and (not ${t.secretAccess}::boolean or pos.secret_access)`;
    for (const r of rows) ids.add(r.id);
  }
  if (ruleId !== null) {
    const rows = await tx.$queryRaw<{ person_id: number }[]>`select person_id from obligations where rule_id = ${ruleId}`;
    for (const r of rows) ids.add(r.person_id);
  }
  return [...ids];
}
