import { getDb } from "~/utils/db.server.ts";
import { citingLessonCounts } from "./content/authoring.server.ts";

// The legal documents admin page (/admin/legal): what it lists. Status changes
// go through setLegalStatus (content/authoring.server.ts).

/** Every legal document, in force first, with how many lessons cite it. */
export async function legalDocumentsForAdmin() {
  const [documents, counts] = await Promise.all([
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
      },
    }),
    citingLessonCounts(),
  ]);
  return documents.map((d) => ({ ...d, lessons: counts.get(d.code) ?? 0 }));
}

/** The code of a legal document that exists (the page names it in its messages). */
export async function legalDocumentCode(id: number) {
  const doc = await getDb().legalDocument.findUniqueOrThrow({ where: { id }, select: { code: true } });
  return doc.code;
}
