import { data, Form, Link } from "react-router";
import type { Route } from "./+types/trainer.questions.$questionId";
import { useBusy } from "~/components/people/form-field.tsx";
import { QuestionForm } from "~/components/questions/question-form.tsx";
import { QuestionReviewNotice } from "~/components/exams/question-review-notice.tsx";
import { confirmQuestionReview, questionReviewState } from "~/services/exams/question-review.server.ts";
import {
  editorChoices,
  formFromVersion,
  parseQuestionForm,
  questionForEditor,
  readQuestionForm,
  saveQuestionVersion,
  setQuestionRetired,
  withBlankRows,
  type QuestionFormErrors,
} from "~/services/exams/question-admin.server.ts";
import { requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

/** After the guard: the question the URL names, else 404. */
async function findQuestion(raw: string | undefined) {
  return requireFound(await questionForEditor(requireId(raw)), () => true);
}

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const question = await findQuestion(args.params.questionId);
  const [{ courses, topics, documents }, problems] = await Promise.all([editorChoices(new Date()), questionReviewState(question.id)]);
  const names = question.authorNames;
  return {
    pageTitle: `${t("questions.edit.title", { key: question.key })} · ${t("app.name")}`,
    question: {
      id: question.id,
      key: question.key,
      retiredAt: question.retiredAt,
      courseTitle: question.course?.title ?? null,
      topic: question.topic,
    },
    values: formFromVersion(question, question.versions[0]),
    versions: question.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      by: v.createdBy === null ? null : (names.get(v.createdBy) ?? `#${v.createdBy}`),
      type: v.type,
      stem: v.stem,
    })),
    courses: courses.map(({ id, title }) => ({ id, title })),
    topics,
    documents,
    problems: problems ?? [],
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const now = new Date();
  const question = await findQuestion(args.params.questionId);
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "retire") {
    // The form asks for a ticked confirmation (it works without JavaScript); a post without it changes nothing.
    if (form.get("confirm") !== "yes") throw new Response(t("questions.edit.retireConfirmMissing"), { status: 400 });
    if (!question.retiredAt) await setQuestionRetired(question.id, true, user.personId, now);
    return redirectWithFlash(`/trainer/questions/${question.id}`, "questions.edit.retiredDone");
  }
  if (intent === "unretire") {
    if (question.retiredAt) await setQuestionRetired(question.id, false, user.personId, now);
    return redirectWithFlash(`/trainer/questions/${question.id}`, "questions.edit.unretiredDone");
  }
  if (intent === "confirm-review") {
    // A review that changes nothing but vouches the content still holds: a new version by the reviewer (decision 052).
    const result = await confirmQuestionReview(question.id, user.personId, now);
    if (result.ok)
      return redirectWithFlash(`/trainer/questions/${question.id}`, "review.edit.confirmed", { version: result.value.version });
    if (result.code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    return redirectWithFlash(`/trainer/questions/${question.id}`, `review.edit.${result.code}`);
  }
  if (intent !== "save") throw new Response("Bad Request", { status: 400 });

  const values = readQuestionForm(form);
  const choices = await editorChoices(now);
  const fail = (errors: QuestionFormErrors) =>
    data(
      {
        errors: Object.fromEntries(Object.entries(errors).map(([f, key]) => [f, t(key)])),
        values: withBlankRows({ ...values, key: question.key }),
      },
      { status: 400 },
    );
  const parsed = parseQuestionForm(values, { ...choices, key: question.key });
  if (!parsed.ok) return fail(parsed.errors);
  const version = await saveQuestionVersion(parsed.input, user.personId, now);
  if (!version) return redirectWithFlash(`/trainer/questions/${question.id}`, "questions.edit.unchanged");
  return redirectWithFlash(`/trainer/questions/${question.id}`, "questions.edit.saved", { version: version.version });
}

export default function EditQuestion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("save");
  const retiring = useBusy("retire");
  const unretiring = useBusy("unretire");
  const { question, versions } = loaderData;
  const latest = versions[0];
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer/questions">{t("questions.backToBank")}</Link>
      </p>
      <h1>{t("questions.edit.title", { key: question.key })}</h1>
      <p className="muted">
        {t("questions.edit.latest", { version: latest.version, date: formatDateTime(latest.createdAt) })}{" "}
        {question.retiredAt ? <span className="badge badge--warn">{t("questions.retiredBadge")}</span> : null}
      </p>
      {question.retiredAt ? (
        <p className="alert alert--info">{t("questions.edit.retiredNote", { date: formatDateTime(question.retiredAt) })}</p>
      ) : null}
      <p className="muted">{t("questions.edit.versionNote")}</p>
      {question.retiredAt ? null : <QuestionReviewNotice problems={loaderData.problems} />}

      <section className="card" aria-label={t("questions.edit.formLabel")}>
        <QuestionForm
          isNew={false}
          values={actionData?.values ?? loaderData.values}
          errors={actionData?.errors}
          courses={loaderData.courses}
          documents={loaderData.documents}
          topics={loaderData.topics}
          busy={busy}
        />
      </section>

      <section className="card stack" aria-labelledby="retire-h">
        <h2 id="retire-h">{question.retiredAt ? t("questions.edit.unretireTitle") : t("questions.edit.retireTitle")}</h2>
        <p className="muted">{question.retiredAt ? t("questions.edit.unretireHint") : t("questions.edit.retireHint")}</p>
        <Form method="post">
          {question.retiredAt ? (
            <button type="submit" name="intent" value="unretire" className="button button--secondary" disabled={unretiring}>
              {t("questions.edit.unretire")}
            </button>
          ) : (
            <>
              <p>
                <label>
                  <input type="checkbox" name="confirm" value="yes" required /> {t("questions.edit.retireConfirm")}
                </label>
              </p>
              <button type="submit" name="intent" value="retire" className="button button--danger" disabled={retiring}>
                {t("questions.edit.retire")}
              </button>
            </>
          )}
        </Form>
      </section>

      <section className="card stack" aria-labelledby="history-h">
        <h2 id="history-h">{t("questions.history.title")}</h2>
        <div className="table-wrap" role="region" aria-labelledby="history-h" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("questions.history.version")}
                </th>
                <th scope="col">{t("questions.history.date")}</th>
                <th scope="col">{t("questions.history.by")}</th>
                <th scope="col">{t("questions.col.type")}</th>
                <th scope="col">{t("questions.history.stem")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td className="num">{v.version}</td>
                  <td className="nowrap">{formatDateTime(v.createdAt)}</td>
                  <td>{v.by ?? t("questions.history.system")}</td>
                  <td className="nowrap">{t(`questions.type.${v.type}`)}</td>
                  <td className="wrap-anywhere">{v.stem}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
