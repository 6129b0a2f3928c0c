import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";


/**
 * Writes the database's curriculum back into content/ (latest published lesson
 * versions, course files, legal registry with current statuses, glossary), so
 * that what trainers publish in the browser stays in git.
 */
export async function exportContent(dir: string) {
  const db = getDb();
  const courses = await db.course.findMany({
    orderBy: { position: "asc" },
    include: { lessons: { orderBy: { position: "asc" }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } } },
  });
  let lessons = 0;
  for (const c of courses) {
    const base = path.join(dir, "courses", c.slug);
    await mkdir(base, { recursive: true });
    for (const f of (await readdir(base)).filter((f) => f.endsWith(".mdx"))) await rm(path.join(base, f));
    const file = { slug: c.slug, order: c.position, title: c.title, description: c.description, audience: c.audience };
    await writeFile(path.join(base, "course.json"), `${JSON.stringify(file, null, 2)}\n`);
    for (const l of c.lessons) {
      const v = l.versions[0];
      if (!v) continue;
      await writeFile(path.join(base, `${String(l.position).padStart(2, "0")}-${l.slug}.mdx`), v.source);
      lessons++;
    }
  }
  const documents = await db.legalDocument.findMany({ orderBy: { id: "asc" }, include: { provisions: { orderBy: { id: "asc" } } } });
  const registry = documents.map((d) => ({
    code: d.code,
    kind: d.kind,
    title: d.title,
    issuer: d.issuer,
    issuedOn: fromDateColumn(d.issuedOn),
    effectiveFrom: fromDateColumn(d.effectiveFrom),
    status: d.status,
    supersededBy: d.supersededBy,
    supersededFrom: fromDateColumn(d.supersededFrom),
    confidence: d.confidence,
    note: d.note,
    summary: d.summary,
    ...(d.sourceUrl ? { sourceUrl: d.sourceUrl } : {}),
    provisions: d.provisions.map((p) => ({
      article: p.article,
      ...(p.clause ? { clause: p.clause } : {}),
      ...(p.point ? { point: p.point } : {}),
      title: p.title,
      excerpt: p.excerpt,
      confidence: p.confidence,
      ...(p.status ? { status: p.status } : {}),
      ...(p.supersededBy ? { supersededBy: p.supersededBy } : {}),
    })),
  }));
  await writeFile(path.join(dir, "legal/documents.json"), `${JSON.stringify(registry, null, 1)}\n`);
  const glossary = await db.glossaryTerm.findMany({ orderBy: { id: "asc" } });
  await writeFile(path.join(dir, "glossary.json"), `${JSON.stringify(glossary.map((g) => ({ id: g.id, term: g.term, definition: g.definition, ...(g.en ? { en: g.en } : {}) })), null, 2)}\n`);
  return { courses: courses.length, lessons, documents: documents.length };
}
