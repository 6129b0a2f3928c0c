// The shipped curriculum in content/: legal registry, glossary, courses, lessons.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CourseFileSchema, type CourseFile } from "~/domain/content/frontmatter.ts";
import { citationKey, type ContentRegistry } from "~/domain/content/mdx-rules.ts";
import { parseQuestionFile, type QuestionFile, type RetiredQuestionFile } from "./question-files.server.ts";
export type { QuestionFile, RetiredQuestionFile };

const ProvisionSchema = z.object({
  article: z.string().min(1),
  clause: z.string().optional(),
  point: z.string().optional(),
  title: z.string().min(1),
  excerpt: z.string().min(1),
  confidence: z.enum(["V", "S"]),
  /** The provision's own status when it differs from its document's (decision 052); absent = the document's. */
  status: z.enum(["IN_FORCE", "SUPERSEDED", "UNVERIFIED"]).optional(),
  supersededBy: z.string().min(1).max(120).optional(),
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

const ExamSettingsSchema = z.object({
  title: z.string().min(3),
  questionsPerTopic: z.number().int().min(1).max(10),
  passPercent: z.number().int().min(1).max(100),
  timeLimitMinutes: z.number().int().min(1).max(600),
  attemptsPerPeriod: z.number().int().min(1),
  periodDays: z.number().int().min(1),
  cooldownMinutes: z.number().int().min(0),
  reviewPolicy: z.enum(["NONE", "SCORE_ONLY", "FULL"]),
  multipleScoring: z.enum(["ALL_OR_NOTHING", "PARTIAL"]),
});
const CertificationTypeSchema = z.object({
  code: z.string().regex(/^[A-Z0-9-]{2,40}$/),
  name: z.string().min(3),
  description: z.string(),
  validityMonths: z.number().int().min(1).max(120),
  renewalWindowDays: z.number().int().min(0).max(365),
  requiredCourses: z.array(z.string()).min(1),
  exam: ExamSettingsSchema,
});
export type CertificationTypeFile = z.infer<typeof CertificationTypeSchema>;

export type LessonFile = { courseSlug: string; slug: string; position: number; fileName: string; source: string };
export type ContentFiles = {
  documents: LegalDocumentFile[];
  glossary: GlossaryFile;
  courses: (CourseFile & { lessons: LessonFile[]; questions: QuestionFile[]; retired: RetiredQuestionFile[] })[];
  certificationTypes: CertificationTypeFile[];
};

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
    let bank: ReturnType<typeof parseQuestionFile> = { questions: [], retired: [], problems: [] };
    const questionFile = path.join(dir, "questions", `${name}.json`);
    if (existsSync(questionFile)) bank = parseQuestionFile(await readJson(questionFile));
    if (bank.problems.length) problems.push(`questions/${name}.json: ${bank.problems.slice(0, 20).join("; ")}`);
    courses.push({ ...parsed.data, lessons, questions: bank.questions, retired: bank.retired });
  }
  const certificationTypes = z.array(CertificationTypeSchema).safeParse(await readJson(path.join(dir, "certifications.json")));
  if (!certificationTypes.success) problems.push(`certifications.json: ${certificationTypes.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const keys = new Set<string>();
  for (const c of courses) {
    for (const q of [...c.questions, ...c.retired]) {
      if (keys.has(q.key)) problems.push(`questions/${c.slug}.json: duplicate key ${q.key}`);
      keys.add(q.key);
    }
  }
  for (const t of certificationTypes.data ?? []) {
    for (const slug of t.requiredCourses) if (!courses.some((c) => c.slug === slug)) problems.push(`certifications.json: ${t.code} requires unknown course ${slug}`);
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return { documents: documents.data!, glossary: glossary.data!, courses: courses.sort((a, b) => a.order - b.order), certificationTypes: certificationTypes.data! };
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

/** Question citations that are not in the registry ("" article cites a whole document). */
export function questionCitationProblems(files: ContentFiles, rules: ContentRegistry): string[] {
  const problems: string[] = [];
  for (const c of files.courses) {
    for (const q of c.questions) {
      for (const cite of q.citations) {
        const key = citationKey({ doc: cite.doc, article: cite.article ?? "", clause: cite.clause ?? "", point: cite.point ?? "" });
        const known = cite.article ? rules.provisions.has(key) : rules.documents.has(cite.doc);
        if (!known) problems.push(`questions/${c.slug}.json: ${q.key} cites unknown ${key.replace(/\|+$/, "")}`);
      }
    }
  }
  return problems;
}

