import type { AuditLink, AuditRefs } from "~/domain/audit/sentences.ts";
import { translate, type Locale } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";

// The names and links an audit page's sentences need (app/domain/audit/sentences.ts),
// looked up for that page's rows only: one query per kind of thing named, each by
// primary or unique key. A thing deleted since is simply missing (the sentence
// then uses what the entry's data says it was called).

export type RefRow = {
  actorId: number | null;
  targetType: string | null;
  targetId: string | null;
  action: string;
  data: unknown;
};

const ID = /^[0-9]{1,9}$/;
const CODE_ACTIONS = new Set(["roster.assign", "roster.cancel", "reminder.manual"]);

function idsOf(rows: readonly RefRow[], type: string): number[] {
  const ids = rows.filter((r) => r.targetType === type && r.targetId && ID.test(r.targetId)).map((r) => Number(r.targetId));
  return [...new Set(ids)];
}

/** The rows for `ids`, without a query when there are none. */
const some = <T>(ids: number[], find: (ids: number[]) => Promise<T[]>): Promise<T[]> => (ids.length ? find(ids) : Promise.resolve([]));

const personLink = (p: { id: number; fullName: string; employeeCode: string }): AuditLink => ({
  text: `${p.fullName} (${p.employeeCode})`,
  href: `/people/${p.id}`,
});

export async function auditRefs(rows: readonly RefRow[], locale: Locale): Promise<AuditRefs> {
  const db = getDb();
  const refs: Record<string, AuditLink> = {};
  const personIds = [...new Set([...rows.flatMap((r) => (r.actorId == null ? [] : [r.actorId])), ...idsOf(rows, "person")])];
  const codes = [
    ...new Set(
      rows.flatMap((r) => {
        const code = CODE_ACTIONS.has(r.action) ? (r.data as { person?: unknown } | null)?.person : null;
        return typeof code === "string" ? [code] : [];
      }),
    ),
  ];
  const shiftIds = idsOf(rows, "shift");
  const assignmentIds = idsOf(rows, "assignment");
  const shiftSelect = { id: true, station: { select: { name: true } }, dutyType: { select: { name: true } } } as const;
  const personSelect = { id: true, fullName: true, employeeCode: true } as const;

  const [
    people,
    byCode,
    shifts,
    assignments,
    certs,
    lessons,
    courses,
    questions,
    exams,
    sessions,
    stations,
    units,
    positions,
    docs,
    provisions,
  ] = await Promise.all([
    personIds.length ? db.person.findMany({ where: { id: { in: personIds } }, select: personSelect }) : [],
    codes.length ? db.person.findMany({ where: { employeeCode: { in: codes } }, select: personSelect }) : [],
    shiftIds.length ? db.shift.findMany({ where: { id: { in: shiftIds } }, select: shiftSelect }) : [],
    assignmentIds.length
      ? db.assignment.findMany({
          where: { id: { in: assignmentIds } },
          select: { id: true, shift: { select: shiftSelect }, person: { select: personSelect } },
        })
      : [],
    some(idsOf(rows, "certification"), (ids) =>
      db.certification.findMany({
        where: { id: { in: ids } },
        select: { id: true, serial: true, person: { select: personSelect } },
      }),
    ),
    some(idsOf(rows, "lesson"), (ids) =>
      db.lesson.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          slug: true,
          course: { select: { slug: true } },
          versions: { select: { title: true }, orderBy: { version: "desc" }, take: 1 },
        },
      }),
    ),
    some(idsOf(rows, "course"), (ids) => db.course.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, title: true } })),
    some(idsOf(rows, "question"), (ids) => db.question.findMany({ where: { id: { in: ids } }, select: { id: true, key: true } })),
    some(idsOf(rows, "exam"), (ids) => db.exam.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })),
    some(idsOf(rows, "training_session"), (ids) =>
      db.trainingSession.findMany({
        where: { id: { in: ids } },
        select: { id: true, certificationType: { select: { name: true } } },
      }),
    ),
    some(idsOf(rows, "station"), (ids) => db.station.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
    some(idsOf(rows, "unit"), (ids) => db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
    some(idsOf(rows, "position"), (ids) => db.position.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
    some(idsOf(rows, "legal_document"), (ids) =>
      db.legalDocument.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }),
    ),
    some(idsOf(rows, "legal_provision"), (ids) =>
      db.legalProvision.findMany({
        where: { id: { in: ids } },
        select: { id: true, document: { select: { code: true } } },
      }),
    ),
  ]);

  const shiftLink = (s: { id: number; station: { name: string }; dutyType: { name: string } }): AuditLink => ({
    text: translate(locale, "audit.s.shift", { duty: s.dutyType.name, station: s.station.name }),
    href: `/roster/shifts/${s.id}`,
  });
  for (const p of byCode) refs[`code:${p.employeeCode}`] = personLink(p);
  for (const p of people) refs[`person:${p.id}`] = personLink(p);
  for (const s of shifts) refs[`shift:${s.id}`] = shiftLink(s);
  for (const a of assignments) {
    refs[`assignment:${a.id}`] = shiftLink(a.shift);
    refs[`assignmentPerson:${a.id}`] = personLink(a.person);
  }
  for (const c of certs) {
    refs[`certification:${c.id}`] = { text: c.serial, href: `/certificates/${c.id}` };
    refs[`certificationPerson:${c.id}`] = personLink(c.person);
  }
  for (const l of lessons) {
    refs[`lesson:${l.id}`] = { text: l.versions[0]?.title ?? l.slug, href: `/learn/${l.course.slug}/${l.slug}` };
  }
  for (const c of courses) refs[`course:${c.id}`] = { text: c.title, href: `/learn/${c.slug}` };
  for (const q of questions) refs[`question:${q.id}`] = { text: q.key, href: `/trainer/questions/${q.id}` };
  for (const e of exams) refs[`exam:${e.id}`] = { text: e.title, href: `/trainer/exams/${e.id}` };
  for (const s of sessions)
    refs[`training_session:${s.id}`] = { text: `#${s.id} (${s.certificationType.name})`, href: `/trainer/sessions/${s.id}` };
  for (const s of stations) refs[`station:${s.id}`] = { text: s.name, href: `/roster/stations/${s.id}` };
  for (const u of units) refs[`unit:${u.id}`] = { text: u.name, href: null };
  for (const p of positions) refs[`position:${p.id}`] = { text: p.name, href: `/admin/positions/${p.id}` };
  for (const d of docs) refs[`legal_document:${d.id}`] = { text: d.code, href: `/legal/${encodeURIComponent(d.code)}` };
  for (const p of provisions)
    refs[`legal_provision:${p.id}`] = { text: p.document.code, href: `/legal/${encodeURIComponent(p.document.code)}` };
  for (const r of rows) {
    if (r.targetType === "requirement_rule" && r.targetId)
      refs[`requirement_rule:${r.targetId}`] = { text: `#${r.targetId}`, href: `/admin/requirements/${r.targetId}` };
  }
  return refs;
}
