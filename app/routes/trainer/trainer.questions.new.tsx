import { data, Link } from "react-router";
import type { Route } from "./+types/trainer.questions.new";
import { useBusy } from "~/components/people/form-field.tsx";
import { QuestionForm } from "~/components/questions/question-form.tsx";
import {
  blankForm,
  createQuestion,
  editorChoices,
  parseQuestionForm,
  readQuestionForm,
  withBlankRows,
  type QuestionFormErrors,
} from "~/services/exams/question-admin.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const { courses, topics, documents } = await editorChoices(new Date());
  const preselect = new URL(args.request.url).searchParams.get("course") ?? "";
  const course = courses.find((c) => String(c.id) === preselect);
  return {
    pageTitle: `${t("questions.edit.newTitle")} · ${t("app.name")}`,
    courses: courses.map(({ id, title }) => ({ id, title })),
    topics,
    documents,
    values: blankForm(course?.id ?? null),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const now = new Date();
  const values = readQuestionForm(await args.request.formData());
  const choices = await editorChoices(now);
  const fail = (errors: QuestionFormErrors) =>
    data(
      { errors: Object.fromEntries(Object.entries(errors).map(([f, key]) => [f, t(key)])), values: withBlankRows(values) },
      { status: 400 },
    );
  const parsed = parseQuestionForm(values, choices);
  if (!parsed.ok) return fail(parsed.errors);
  // A new question never overwrites one that has the same key (without a key typed in, the key comes from the stem).
  const created = await createQuestion(parsed.input, user.personId, now);
  if (!created.ok) return fail(values.key ? { key: "questions.error.keyTaken" } : { stem: "questions.error.sameStem" });
  return redirectWithFlash(`/trainer/questions/${created.value.questionId}`, "questions.edit.created");
}

export default function NewQuestion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("save");
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer/questions">{t("questions.backToBank")}</Link>
      </p>
      <h1>{t("questions.edit.newTitle")}</h1>
      <p className="lead">{t("questions.edit.newIntro")}</p>
      <section className="card">
        <QuestionForm
          isNew
          values={actionData?.values ?? loaderData.values}
          errors={actionData?.errors}
          courses={loaderData.courses}
          documents={loaderData.documents}
          topics={loaderData.topics}
          busy={busy}
        />
      </section>
    </div>
  );
}
