import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/trainer.questions.import";
import { ImportProblems } from "~/components/import-problems.tsx";
import type { MessageKey } from "~/i18n/index.ts";
import { courseById, courseChoices } from "~/services/content/authoring.server.ts";
import { importGift } from "~/services/exams/gift-import.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { idSchema } from "~/utils/ids.ts";
import { formatNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

// A GIFT file is text: 2 MB is thousands of questions. The HTTP layer caps the
// whole upload body (decision 030); this is the file's own limit.
const MAX_MB = 2;
const MAX_FILE_BYTES = MAX_MB * 1024 * 1024;

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const courses = (await courseChoices()).map(({ id, title }) => ({ id, title }));
  const preselect = new URL(args.request.url).searchParams.get("course") ?? "";
  return {
    pageTitle: `${t("questions.import.title")} · ${t("app.name")}`,
    courses,
    course: courses.some((c) => String(c.id) === preselect) ? preselect : "",
    maxMb: MAX_MB,
  };
}

type ActionResult =
  | { ok: true; fileName: string; created: number; updated: number; unchanged: number; total: number; needsReview: number }
  | { ok: false; fileName: string | null; error: string | null; problems: { line: number; message: string }[] };

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const fail = (status: number, error: string, fileName: string | null = null) =>
    data<ActionResult>({ ok: false, fileName, error, problems: [] }, { status });

  let form: FormData;
  try {
    form = await args.request.formData();
  } catch {
    return fail(400, t("questions.import.noFile"));
  }
  const courseRaw = String(form.get("course") ?? "");
  const courseId = idSchema.safeParse(courseRaw).data;
  const course = courseId === undefined ? null : await courseById(courseId);
  if (!course) return fail(400, t("questions.import.noCourse"));
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return fail(400, t("questions.import.noFile"));
  if (file.size > MAX_FILE_BYTES) return fail(413, t("questions.import.tooLarge", { mb: MAX_MB }), file.name);
  if (file.size === 0) return fail(400, t("questions.import.emptyFile"), file.name);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return fail(400, t("questions.import.notUtf8"), file.name);
  }

  const result = await importGift(text, course.id, user.personId, new Date(), file.name);
  if (result.ok) return data<ActionResult>({ ok: true, ...result.value, fileName: file.name });
  const problems = (result.reasons ?? []).map((e) => ({ line: e.line, message: t(e.key as MessageKey, e.params) }));
  return data<ActionResult>({ ok: false, fileName: file.name, error: null, problems }, { status: 400 });
}

const EXAMPLE = `$CATEGORY: mang-kt1

// legal: 49/2010/QH12|19
// difficulty: 1
::kt1-vi-du-01:: Mạng bưu chính KT1 chỉ được kết nối với mạng nào? {
=Mạng bưu chính công cộng
~Mạng của mọi doanh nghiệp chuyển phát#Sai\\: chỉ mạng công cộng.
####Điều 19 Luật Bưu chính chỉ cho phép kết nối với mạng bưu chính công cộng.
}

// legal: 49/2010/QH12|19
::kt1-vi-du-02:: Mạng KT1 hoạt động không vì mục đích lợi nhuận. {TRUE
####Điều 19 Luật Bưu chính.
}`;

export default function ImportQuestions({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer/questions">{t("questions.backToBank")}</Link>
      </p>
      <h1>{t("questions.import.title")}</h1>
      <p className="lead">{t("questions.import.intro")}</p>

      {!busy && actionData?.ok ? (
        <div role="status" className="alert alert--ok stack">
          <p>
            {t("questions.import.success", {
              file: actionData.fileName,
              total: n(actionData.total),
              created: n(actionData.created),
              updated: n(actionData.updated),
              unchanged: n(actionData.unchanged),
            })}
          </p>
          {actionData.needsReview > 0 ? <p>{t("questions.import.needsReview", { count: n(actionData.needsReview) })}</p> : null}
          <p>
            <Link to={actionData.needsReview > 0 ? "/trainer/questions?status=review" : "/trainer/questions"}>
              {t("questions.import.toBank")}
            </Link>
          </p>
        </div>
      ) : null}
      {!busy && actionData && !actionData.ok && actionData.error ? (
        <p role="alert" className="alert alert--error">
          {actionData.error}
        </p>
      ) : null}
      {!busy && actionData && !actionData.ok ? (
        <ImportProblems
          problems={actionData.problems}
          title={t("questions.import.failed", { count: n(actionData.problems.length) })}
          hint={t("questions.import.failedHint", { file: actionData.fileName ?? "" })}
          lineLabel={t("questions.import.line")}
          columns={[{ label: t("questions.import.problem"), cell: (p) => p.message }]}
        />
      ) : null}

      <section className="card">
        <Form method="post" encType="multipart/form-data" className="stack narrow-form" aria-busy={busy}>
          <div className="field">
            <span>
              <label htmlFor="gift-course">{t("questions.import.course")}</label>
            </span>
            <select id="gift-course" name="course" defaultValue={loaderData.course} required aria-describedby="gift-course-hint">
              <option value="">{t("questions.import.chooseCourse")}</option>
              {loaderData.courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            <small id="gift-course-hint">{t("questions.import.courseHint")}</small>
          </div>
          <div className="field">
            <span>
              <label htmlFor="gift-file">{t("questions.import.file")}</label>
            </span>
            <input id="gift-file" type="file" name="file" accept=".gift,.txt,text/plain" required aria-describedby="gift-file-hint" />
            <small id="gift-file-hint">{t("questions.import.fileHint", { mb: loaderData.maxMb })}</small>
          </div>
          {busy ? (
            <p className="muted" role="status">
              {t("questions.import.submitting")}
            </p>
          ) : null}
          <div className="row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("questions.import.submitting") : t("questions.import.submit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="gift-format">
        <h2 id="gift-format">{t("questions.import.formatTitle")}</h2>
        <ul>
          <li>{t("questions.import.formatSeparate")}</li>
          <li>{t("questions.import.formatSingle")}</li>
          <li>{t("questions.import.formatMultiple")}</li>
          <li>{t("questions.import.formatTrueFalse")}</li>
          <li>{t("questions.import.formatTitleKey")}</li>
          <li>{t("questions.import.formatCategory")}</li>
          <li>{t("questions.import.formatExplanation")}</li>
          <li>{t("questions.import.formatLegal")}</li>
          <li>{t("questions.import.formatDifficulty")}</li>
          <li>{t("questions.import.formatEscape")}</li>
          <li>{t("questions.import.formatUnsupported")}</li>
          <li>{t("questions.import.formatAllOrNothing")}</li>
        </ul>
        <h3>{t("questions.import.example")}</h3>
        <pre className="wrap-anywhere">
          <code>{EXAMPLE}</code>
        </pre>
      </section>
    </div>
  );
}
