import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/trainer.exams.$examId";
import { FacilityDiscriminationChart, ScoreDistributionChart } from "~/components/exams/analysis-charts.tsx";
import { ExamSettingsForm } from "~/components/exams/exam-settings-form.tsx";
import { QualityGatePanel } from "~/components/exams/quality-gate-panel.tsx";
import { useBusy } from "~/components/people/form-field.tsx";
import { MIN_RESPONSES, POOR_DISCRIMINATION } from "~/domain/exams/item-analysis.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { approveExamVersion, examForTrainer, updateExamSettings } from "~/services/exams/exam-admin.server.ts";
import { examItemAnalysis } from "~/services/exams/item-analysis.server.ts";
import { notFound, requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues } from "~/utils/forms.ts";
import { formatNumber, formatPercent, formatPercentNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const id = requireId(args.params.examId);
  const analysis = requireFound(await examItemAnalysis(id, { true: t("exams.take.true"), false: t("exams.take.false") }), () => true);
  const gate = requireFound(await examForTrainer(id, user.personId, new Date()), () => true);
  return { pageTitle: `${analysis.exam.title} · ${t("exams.trainer.title")} · ${t("app.name")}`, analysis, gate };
}

const whole = (min: number, max: number, message: MessageKey) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
const settingsSchema = z.object({
  passPercent: whole(1, 100, "gate.settings.error.passPercent"),
  timeLimitMinutes: whole(1, 600, "gate.settings.error.timeLimit"),
});
const revisionSchema = z.coerce.number().int().min(1);

/** Approving a version (two-person rule) or saving new settings (a new version); decision 051. */
export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const id = requireId(args.params.examId);
  const now = new Date();
  const form = await args.request.formData();
  const intent = form.get("intent");
  const revision = revisionSchema.safeParse(form.get("revision"));
  if (!revision.success || (intent !== "approve" && intent !== "settings")) throw new Response("Bad Request", { status: 400 });
  const to = `/trainer/exams/${id}`;
  if (intent === "approve") {
    const result = await approveExamVersion(id, revision.data, user.personId, now);
    if (result.ok) return redirectWithFlash(to, "gate.approved", { revision: result.value.revision });
    if (result.code === "NOT_FOUND") notFound();
    return data({ errors: { _form: t(`gate.refusal.${result.code}` as MessageKey) }, values: formValues(form) }, { status: 409 });
  }
  const errors: Record<string, string> = {};
  const parsed = settingsSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= t(issue.message as MessageKey);
  const topics: Record<string, number> = {};
  for (let i = 0; form.has(`topic-${i}`) && i < 200; i++) {
    const n = whole(1, 10, "gate.settings.error.draw").safeParse(form.get(`draw-${i}`));
    if (n.success) topics[String(form.get(`topic-${i}`))] = n.data;
    else errors[`draw-${i}`] = t("gate.settings.error.draw");
  }
  if (!parsed.success || Object.keys(errors).length > 0) return data({ errors, values: formValues(form) }, { status: 400 });
  const result = await updateExamSettings(id, revision.data, { ...parsed.data, topics }, user.personId, now);
  if (result.ok)
    return redirectWithFlash(to, result.value.changed ? "gate.settings.saved" : "gate.settings.unchanged", {
      revision: result.value.revision,
    });
  if (result.code === "NOT_FOUND") notFound();
  const message = result.code === "STALE_REVISION" ? t("gate.refusal.STALE_REVISION") : t("form.errors");
  return data({ errors: { _form: message }, values: formValues(form) }, { status: 409 });
}

export default function TrainerExamAnalysis({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const approving = useBusy("approve");
  const saving = useBusy("settings");
  const { analysis, gate } = loaderData;
  const { exam, items } = analysis;
  const pct = (share: number | null) => (share === null ? "—" : formatPercent(share * 100, locale));
  const dec = (n: number | null) => (n === null ? "—" : formatNumber(n, locale));
  const flagged = items.filter((i) => i.poor).length;
  return (
    <div className="stack">
      <Breadcrumb
        trail={[
          { to: "/trainer", label: t("trainer.title") },
          { to: "/trainer/exams", label: t("exams.trainer.title") },
        ]}
        current={exam.title}
      />
      <h1>{exam.title}</h1>
      <p className="lead">{exam.typeName}</p>
      {actionData?.errors._form ? (
        <p role="alert" className="alert alert--error">
          {actionData.errors._form}
        </p>
      ) : null}

      <QualityGatePanel view={gate} busy={approving} />
      <ExamSettingsForm
        revision={gate.revision}
        settings={gate.settings}
        values={actionData?.values}
        errors={actionData?.errors}
        busy={saving}
      />

      <section className="card" aria-labelledby="summary-h">
        <h2 id="summary-h">{t("exams.trainer.summary")}</h2>
        <dl className="facts">
          <dt>{t("exams.trainer.submitted")}</dt>
          <dd>{analysis.attempts}</dd>
          <dt>{t("exams.trainer.passed")}</dt>
          <dd>{analysis.passed}</dd>
          <dt>{t("exams.trainer.passRate")}</dt>
          <dd>{pct(analysis.passRate)}</dd>
          <dt>{t("exams.trainer.meanPercent")}</dt>
          <dd>{analysis.meanPercent === null ? "—" : formatPercent(analysis.meanPercent, locale)}</dd>
          <dt>{t("exams.result.passMark")}</dt>
          <dd>{t("exams.settings.passPercentValue", { percent: formatPercentNumber(exam.passPercent, locale) })}</dd>
        </dl>
      </section>

      <section className="card stack" aria-labelledby="dist-h">
        <h2 id="dist-h">{t("exams.trainer.distribution")}</h2>
        <ScoreDistributionChart buckets={analysis.distribution} titleId="dist-h" countLabel={t("exams.trainer.attemptsCount")} />
        <div className="table-wrap">
          <table className="exam-table--compact">
            <caption className="visually-hidden">{t("exams.trainer.distribution")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("exams.trainer.bucket")}</th>
                <th scope="col" className="num">
                  {t("exams.trainer.attemptsCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {analysis.distribution.map((b, i) => (
                <tr key={b.from}>
                  <td>
                    {i === 9
                      ? t("exams.trainer.bucketLast", { from: b.from, to: b.to })
                      : t("exams.trainer.bucketRange", { from: b.from, to: b.to })}
                  </td>
                  <td className="num">{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card stack" aria-labelledby="items-h">
        <h2 id="items-h">{t("exams.trainer.items")}</h2>
        <p className="muted">
          {t("exams.trainer.itemsIntro", { threshold: formatNumber(POOR_DISCRIMINATION, locale), min: MIN_RESPONSES })}
        </p>
        {flagged > 0 ? <p className="alert alert--info">{t("exams.trainer.flaggedCount", { count: flagged })}</p> : null}
        {items.length === 0 ? (
          <p className="empty">{t("exams.trainer.noAttempts")}</p>
        ) : (
          <>
            <FacilityDiscriminationChart
              items={items
                .filter((i) => i.facility !== null && i.discrimination !== null)
                .map((i) => ({ key: i.key, facility: i.facility!, discrimination: i.discrimination!, poor: i.poor }))}
              facilityLabel={t("exams.trainer.facility")}
              discriminationLabel={t("exams.trainer.discrimination")}
              poorLabel={t("exams.trainer.poor")}
            />
            <div className="table-wrap">
              <table className="exam-items">
                <caption className="visually-hidden">{t("exams.trainer.items")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("exams.trainer.question")}</th>
                    <th scope="col" className="num">
                      {t("exams.trainer.drawn")}
                    </th>
                    <th scope="col" className="num">
                      {t("exams.trainer.facility")}
                    </th>
                    <th scope="col" className="num">
                      {t("exams.trainer.discrimination")}
                    </th>
                    <th scope="col">{t("exams.trainer.options")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.versionId} className={item.poor ? "exam-items__row--poor" : undefined} data-question={item.key}>
                      <td className="wrap-anywhere">
                        <strong>{item.key}</strong> <span className="muted">v{item.version}</span>{" "}
                        {item.poor ? <span className="badge badge--warn">⚠ {t("exams.trainer.poor")}</span> : null}
                        <br />
                        <span className="muted">{item.topic}</span>
                        <br />
                        {item.stem}
                      </td>
                      <td className="num">{item.drawn}</td>
                      <td className="num">{dec(item.facility)}</td>
                      <td className="num">{dec(item.discrimination)}</td>
                      <td>
                        <ul className="exam-items__options">
                          {item.options.map((o) => (
                            <li key={o.id}>
                              {o.right ? (
                                <span className="badge badge--ok" title={t("exams.result.rightAnswer")}>
                                  ✓ {t("exams.trainer.right")}
                                </span>
                              ) : null}{" "}
                              {o.label}: <strong>{o.count}</strong>{" "}
                              <span className="muted">({pct(item.drawn ? o.count / item.drawn : null)})</span>
                            </li>
                          ))}
                          <li className="muted">
                            {t("exams.trainer.unanswered")}: {item.unanswered}
                          </li>
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
