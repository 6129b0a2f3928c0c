import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "./audit.server.ts";
import { citingLessonCounts } from "./content/authoring.server.ts";
import { forgetRegistry } from "./content/registry.server.ts";

// The legal documents admin page (/admin/legal): what it lists, and a
// provision's own status. A document's status goes through setLegalStatus
// (content/authoring.server.ts).

/** Every legal document, in force first, with its provisions and how many lessons and questions cite it. */
export async function legalDocumentsForAdmin() {
  const [documents, counts, questions] = await Promise.all([
    getDb().legalDocument.findMany({
      orderBy: [{ status: "asc" }, { code: "asc" }],
      select: {
        id: true,
        code: true,
        kind: true,
        title: true,
        status: true,
        supersededBy: true,
        supersededFrom: true,
        effectiveFrom: true,
        statusChangedAt: true,
        provisions: {
          orderBy: [{ article: "asc" }, { clause: "asc" }, { point: "asc" }],
          select: {
            id: true,
            article: true,
            clause: true,
            point: true,
            title: true,
            status: true,
            supersededBy: true,
            statusChangedAt: true,
          },
        },
      },
    }),
    citingLessonCounts(),
    citingQuestionCounts(),
  ]);
  return documents.map((d) => ({ ...d, lessons: counts.get(d.code) ?? 0, questions: questions.get(d.code) ?? 0 }));
}

/** The code of a legal document that exists (the page names it in its messages). */
export async function legalDocumentCode(id: number) {
  const doc = await getDb().legalDocument.findUniqueOrThrow({ where: { id }, select: { code: true } });
  return doc.code;
}

export type ProvisionStatusInput = { status: "INHERIT" | "IN_FORCE" | "UNVERIFIED" } | { status: "SUPERSEDED"; supersededBy: string };

/** "19 | 2 | a": the provision part of a citation. */
const provisionLabel = (p: { article: string; clause: string; point: string }) =>
  [p.article, p.clause, p.point].filter(Boolean).join(" | ");

/**
 * Sets a provision's own status (INHERIT: its document's again), stamps
 * statusChangedAt — which puts the lessons and questions citing it on the
 * review list and pulls those questions from certifying draws (decision 052) —
 * and audits old and new values.
 */
export async function setProvisionStatus(
  provisionId: number,
  input: ProvisionStatusInput,
  actorId: number,
  now: Date,
): Promise<Result<{ changed: boolean; code: string; provision: string }, "NOT_FOUND">> {
  const result = await auditedTransaction(async (tx) => {
    const p = await tx.legalProvision.findUnique({ where: { id: provisionId }, include: { document: { select: { code: true } } } });
    if (!p) return refused("NOT_FOUND");
    const provision = provisionLabel(p);
    const next = {
      status: input.status === "INHERIT" ? null : input.status,
      supersededBy: input.status === "SUPERSEDED" ? input.supersededBy : null,
    };
    const old = { status: p.status, supersededBy: p.supersededBy };
    if (old.status === next.status && old.supersededBy === next.supersededBy)
      return ok({ changed: false, code: p.document.code, provision });
    await tx.legalProvision.update({ where: { id: provisionId }, data: { ...next, statusChangedAt: now } });
    await appendAudit(
      tx,
      {
        actorId,
        action: "legal.provision.status",
        targetType: "legal_provision",
        targetId: p.id,
        data: { code: p.document.code, provision, old, new: next },
      },
      now,
    );
    return ok({ changed: true, code: p.document.code, provision });
  });
  // The registry (statuses beside citations, rendered-HTML cache keys) is stale now.
  if (result.ok && result.value.changed) forgetRegistry();
  return result;
}

/** How many questions in use cite each document in their latest version. */
async function citingQuestionCounts(): Promise<Map<string, number>> {
  const rows = await getDb().$queryRaw<{ code: string; questions: bigint }[]>`
    select qc.document_code as code, count(distinct q.id) as questions
      from questions q
      cross join lateral (select id from question_versions where question_id = q.id order by version desc limit 1) v
      join question_citations qc on qc.question_version_id = v.id
     where q.retired_at is null
     group by qc.document_code`;
  return new Map(rows.map((r) => [r.code, Number(r.questions)]));
}
