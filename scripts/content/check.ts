// npm run content:check — validates content/ without a database: the legal
// registry and glossary shapes, course files, lesson frontmatter, the MDX rules
// (no code, known components and citations), that every lesson compiles, and the
// question bank's rules (variant groups, key balance, law in force: decision 050).
// `npm run content:check -- <folder>` checks another folder laid out like content/.
import path from "node:path";
import { problemMessage } from "../../app/components/trainer/problem-message.ts";
import { translate, type MessageKey, type Params } from "../../app/i18n/index.ts";
import { compileLesson } from "../../app/services/content/compile.server.ts";
import { keyLongestCount, keyPositions } from "../../app/domain/content/question-bank.ts";
import { CONTENT_DIR, questionCitationProblems, readContentFiles, registryFromFiles } from "../../app/services/content/files.server.ts";
import { questionBankProblems } from "../../app/services/content/question-files.server.ts";

let files;
try {
  files = await readContentFiles(process.argv[2] ? path.resolve(process.argv[2]) : CONTENT_DIR);
} catch (error) {
  console.error(String((error as Error).message));
  process.exit(1);
}
const rules = registryFromFiles(files);
const t = (key: MessageKey, params?: Params) => translate("vi", key, params);
let lessons = 0;
const failures: string[] = [];
for (const course of files.courses) {
  if (course.lessons.length === 0) failures.push(`courses/${course.slug}: no lessons`);
  for (const lesson of course.lessons) {
    lessons++;
    const result = await compileLesson(lesson.source, rules);
    if (!result.ok) {
      for (const p of result.reasons ?? []) failures.push(`courses/${course.slug}/${lesson.fileName}:${p.line ?? 1} ${p.code} ${problemMessage(t, p)}`);
    }
  }
}
failures.push(...questionCitationProblems(files, rules));
failures.push(...questionBankProblems(files));
const bank = files.courses.flatMap((c) => c.questions.map((q) => ({ ...q, course: c.slug })));
const questions = bank.length;
const retired = files.courses.reduce((n, c) => n + c.retired.length, 0);
if (failures.length) {
  console.error(`content:check found ${failures.length} problem(s):\n${failures.join("\n")}`);
  process.exit(1);
}
console.log(`content:check: ${files.courses.length} courses, ${lessons} lessons, ${files.documents.length} legal documents, ${files.glossary.length} glossary terms, ${questions} questions (${retired} retired keys), ${files.certificationTypes.length} certification types — all valid.`);
console.log(`  single-answer keys by position: ${keyPositions(bank).join(" / ")}; key is the longest option in ${keyLongestCount(bank)}.`);
