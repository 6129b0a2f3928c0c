// The shipped curriculum in content/: legal registry, glossary, courses, lessons.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CourseFileSchema, type CourseFile } from "~/domain/content/frontmatter.ts";
import { citationKey, type ContentRegistry } from "~/domain/content/mdx-rules.ts";

const ProvisionSchema = z.object({
  article: z.string().min(1),
  clause: z.string().optional(),
  point: z.string().optional(),
  title: z.string().min(1),
  excerpt: z.string().min(1),
  confidence: z.enum(["V", "S"]),
});

const DocumentSchema = z.object({
  code: z.string().min(3),
  kind: z.string().min(1),
  title: z.string().min(3),
  issuer: z.string().min(2),
  issuedOn: z.string().date().nullable().optional(),
  effectiveFrom: z.string().date().nullable().optional(),
  status: z.enum(["IN_FORCE", "SUPERSEDED", "UNVERIFIED"]),
  supersededBy: z.string().nullable().optional(),
  supersededFrom: z.string().date().nullable().optional(),
  confidence: z.enum(["V", "S", "U"]),
  note: z.string().nullable().optional(),
  summary: z.string().nullable().optional(),
  sourceUrl: z.string().url().nullable().optional(),
  provisions: z.array(ProvisionSchema),
});
export type LegalDocumentFile = z.infer<typeof DocumentSchema>;

const GlossarySchema = z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), term: z.string().min(1), definition: z.string().min(5), en: z.string().optional() }));
export type GlossaryFile = z.infer<typeof GlossarySchema>;

export type LessonFile = { courseSlug: string; slug: string; position: number; fileName: string; source: string };
export type ContentFiles = { documents: LegalDocumentFile[]; glossary: GlossaryFile; courses: (CourseFile & { lessons: LessonFile[] })[] };

export const CONTENT_DIR = path.resolve(process.cwd(), "content");
const LESSON_FILE = /^(\d{2})-([a-z0-9-]+)\.mdx$/;

async function readJson(file: string) {
  return JSON.parse(await readFile(file, "utf8"));
}

/** Reads and shape-checks content/; throws an Error listing every problem found. */
export async function readContentFiles(dir = CONTENT_DIR): Promise<ContentFiles> {
  const problems: string[] = [];
  const documents = z.array(DocumentSchema).safeParse(await readJson(path.join(dir, "legal/documents.json")));
  if (!documents.success) problems.push(`legal/documents.json: ${documents.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const glossary = GlossarySchema.safeParse(await readJson(path.join(dir, "glossary.json")));
  if (!glossary.success) problems.push(`glossary.json: ${glossary.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const courses: ContentFiles["courses"] = [];
  const courseDirs = (await readdir(path.join(dir, "courses"), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const name of courseDirs) {
    const base = path.join(dir, "courses", name);
    const parsed = CourseFileSchema.safeParse(await readJson(path.join(base, "course.json")));
    if (!parsed.success) {
      problems.push(`courses/${name}/course.json: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      continue;
    }
    if (parsed.data.slug !== name) problems.push(`courses/${name}/course.json: slug "${parsed.data.slug}" differs from the folder name`);
    const lessons: LessonFile[] = [];
    for (const fileName of (await readdir(base)).filter((f) => f.endsWith(".mdx")).sort()) {
      const m = LESSON_FILE.exec(fileName);
      if (!m) {
        problems.push(`courses/${name}/${fileName}: name must be NN-slug.mdx (lower-case ASCII)`);
        continue;
      }
      lessons.push({ courseSlug: name, slug: m[2], position: Number(m[1]), fileName, source: await readFile(path.join(base, fileName), "utf8") });
    }
    courses.push({ ...parsed.data, lessons });
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return { documents: documents.data!, glossary: glossary.data!, courses: courses.sort((a, b) => a.order - b.order) };
}

/** The rules' view of a registry read from files (content:check runs without a database). */
export function registryFromFiles(files: Pick<ContentFiles, "documents" | "glossary">): ContentRegistry {
  return {
    documents: new Set(files.documents.map((d) => d.code)),
    provisions: new Set(
      files.documents.flatMap((d) => d.provisions.map((p) => citationKey({ doc: d.code, article: p.article, clause: p.clause ?? "", point: p.point ?? "" }))),
    ),
    terms: new Set(files.glossary.map((g) => g.id)),
  };
}
