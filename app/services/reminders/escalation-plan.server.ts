// Planning of the obligation escalations (decision 046): every obligation with its
// status at `now` (app/services/obligations/read.server.ts), the active managers,
// and the pure schedule (app/domain/reminders/escalation.ts) decide who is told
// what today; each answer becomes outbox rows (IN_APP, and EMAIL when email is on
// and the recipient has an address) inserted with ON CONFLICT DO NOTHING on
// (escalation_key, recipient, channel). So a second run, a restart or another
// process planning at the same time writes nothing new: never twice.
import { digestOf, escalationsDue, type Escalation, type ObligationFact } from "~/domain/reminders/escalation.ts";
import type { DigestData } from "~/domain/reminders/escalation-messages.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import { obligationsOf } from "../obligations/read.server.ts";
import { getMailTransport } from "./mailer.server.ts";

const PEOPLE_BATCH = 1000;
const INSERT_BATCH = 1000;

type Fact = ObligationFact & { person: string; unit: string; type: string; email: string | null };

/** Every active person's obligations as facts for the schedule. */
async function loadFacts(now: Date): Promise<Fact[]> {
  const db = getDb();
  const holders = await db.obligation.findMany({
    where: { person: { status: "ACTIVE" } },
    distinct: ["personId"],
    select: { personId: true },
    orderBy: { personId: "asc" },
  });
  const facts: Fact[] = [];
  for (let i = 0; i < holders.length; i += PEOPLE_BATCH) {
    const ids = holders.slice(i, i + PEOPLE_BATCH).map((h) => h.personId);
    const [standings, people] = await Promise.all([
      obligationsOf(ids, now),
      db.person.findMany({
        where: { id: { in: ids } },
        select: { id: true, fullName: true, email: true, unit: { select: { name: true, path: true } } },
      }),
    ]);
    for (const p of people) {
      for (const o of standings.get(p.id) ?? []) {
        facts.push({
          personId: p.id,
          unitPath: p.unit.path,
          certificationTypeId: o.certificationTypeId,
          status: o.status,
          dueOn: o.dueOn,
          person: p.fullName,
          unit: p.unit.name,
          type: o.typeName,
          email: p.email,
        });
      }
    }
  }
  return facts;
}

/** Plans today's escalations; returns how many outbox rows were created. */
export async function planEscalations(now: Date, opts: { email?: boolean } = {}): Promise<{ created: number }> {
  const email = opts.email ?? getMailTransport() !== null;
  const today = dayOf(now);
  const db = getDb();
  const [facts, grants] = await Promise.all([
    loadFacts(now),
    db.roleGrant.findMany({
      where: { role: "MANAGER", person: { status: "ACTIVE" } },
      select: { personId: true, unitId: true, person: { select: { email: true } } },
    }),
  ]);
  const due = escalationsDue(today, facts, grants);
  if (due.length === 0) return { created: 0 };

  const emailOf = new Map<number, string | null>(grants.map((g) => [g.personId, g.person.email]));
  for (const f of facts) emailOf.set(f.personId, f.email);
  const unitsOf = new Map<number, number[]>();
  for (const g of grants) unitsOf.set(g.personId, [...(unitsOf.get(g.personId) ?? []), g.unitId]);

  // Facts by every unit on their path (built once, when a digest is due), so a digest reads only its scope.
  let index: Map<number, Fact[]> | null = null;
  const underUnit = () => {
    if (index) return index;
    index = new Map();
    for (const f of facts) {
      for (const u of f.unitPath) {
        const list = index.get(u);
        if (list) list.push(f);
        else index.set(u, [f]);
      }
    }
    return index;
  };
  const dataOf = (e: Escalation, status: string | undefined) => {
    if (e.kind !== "DIGEST") return { dueOn: e.dueOn, status, week: e.week ?? 0 };
    const units = unitsOf.get(e.recipientId) ?? [];
    const d = digestOf(today, units, [...new Set(units.flatMap((u) => underUnit().get(u) ?? []))]);
    const digest: DigestData = {
      weekOf: d.weekOf,
      asOf: today,
      counts: d.counts,
      total: d.total,
      dueSoon: d.dueSoon,
      listed: d.listed.map((f) => ({
        personId: f.personId,
        person: f.person,
        unit: f.unit,
        type: f.type,
        status: f.status,
        dueOn: f.dueOn,
      })),
      unlisted: d.unlisted,
    };
    return digest;
  };
  const statusOf = new Map(facts.map((f) => [`${f.personId}:${f.certificationTypeId}`, f.status]));

  // A digest is worked out only for the managers who do not have this week's yet.
  const digestKeys = [...new Set(due.filter((e) => e.kind === "DIGEST").map((e) => e.key))];
  const planned = new Set(
    (
      await db.reminderOutbox.findMany({
        where: { escalationKey: { in: digestKeys } },
        select: { escalationKey: true, recipientPersonId: true, channel: true },
      })
    ).map((r) => `${r.escalationKey}|${r.recipientPersonId}|${r.channel}`),
  );

  const rows = due.flatMap((e) => {
    const wanted = email && emailOf.get(e.recipientId) ? (["EMAIL", "IN_APP"] as const) : (["IN_APP"] as const);
    const channels = e.kind === "DIGEST" ? wanted.filter((c) => !planned.has(`${e.key}|${e.recipientId}|${c}`)) : wanted;
    if (channels.length === 0) return [];
    const data = dataOf(e, statusOf.get(`${e.subjectPersonId}:${e.certificationTypeId}`));
    return channels.map((channel) => ({
      kind: e.kind,
      threshold: 0,
      recipientPersonId: e.recipientId,
      role: e.kind === "DUE_SOON" || e.kind === "DUE_TODAY" ? ("HOLDER" as const) : ("MANAGER" as const),
      channel,
      nextAttemptAt: now,
      createdAt: now,
      subjectPersonId: e.subjectPersonId,
      certificationTypeId: e.certificationTypeId,
      escalationKey: e.key,
      data,
    }));
  });
  let created = 0;
  // Rows come in one order (the schedule sorts by key and recipient), so concurrent planners queue instead of deadlocking.
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    created += (await db.reminderOutbox.createMany({ data: rows.slice(i, i + INSERT_BATCH), skipDuplicates: true })).count;
  }
  return { created };
}
