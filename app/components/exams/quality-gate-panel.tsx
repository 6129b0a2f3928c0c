import type { ReactNode } from "react";
import { Form } from "react-router";
import { GATE_MIN_RESPONSES, POOL_FACTOR } from "~/domain/exams/quality-gate.ts";
import type { examForTrainer } from "~/services/exams/exam-admin.server.ts";
import { formatDateTime, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { QuestionProblemList } from "./question-problems.tsx";

// The quality gate on the trainer's exam page (decision 051): each condition,
// whether it holds, and what to do when it does not; the approval button for a
// trainer who did not make this version.

export type ExamGateView = NonNullable<Awaited<ReturnType<typeof examForTrainer>>>;

function Condition(props: { id: string; title: string; ok: boolean; todo: string; children: ReactNode }) {
  const t = useT();
  return (
    <li className="gate-condition stack" data-condition={props.id} data-ok={props.ok}>
      <h3 id={`gate-${props.id}`}>
        <span className={`badge ${props.ok ? "badge--ok" : "badge--error"}`}>
          {props.ok ? `✓ ${t("gate.pass")}` : `✗ ${t("gate.fail")}`}
        </span>{" "}
        {props.title}
      </h3>
      {props.children}
      {props.ok ? null : <p className="gate-condition__todo">{props.todo}</p>}
    </li>
  );
}

export function QualityGatePanel({ view, busy }: { view: ExamGateView; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { gate } = view;
  const failing = [gate.failures.some((f) => f.code === "POOL_TOO_SMALL"), gate.poorItems.length > 0, gate.approval === null].filter(
    Boolean,
  ).length;
  return (
    <section className="card stack quality-gate" aria-labelledby="gate-h">
      <h2 id="gate-h">{t("gate.title")}</h2>
      <p className={`alert ${gate.certifying ? "alert--ok" : "alert--info"}`} role="status">
        {gate.certifying
          ? t("gate.certifying", { revision: view.revision })
          : t("gate.practice", { revision: view.revision, count: failing })}
      </p>
      <p className="muted">
        {t("gate.version", {
          revision: view.revision,
          at: formatDateTime(view.revisedAt),
          by: view.revisedBy ?? t("gate.versionByContent"),
        })}{" "}
        {t("gate.intro")}
      </p>
      <ol className="gate-conditions stack">
        <Condition
          id="pool"
          title={t("gate.pool.title", { factor: POOL_FACTOR })}
          ok={!gate.failures.some((f) => f.code === "POOL_TOO_SMALL")}
          todo={t("gate.pool.todo")}
        >
          <ul>
            {gate.topics.map((p) => (
              <li key={p.topic} className={p.pool < p.needed ? "gate-short" : undefined}>
                {t("gate.pool.row", { topic: p.topic, pool: p.pool, needed: p.needed, draw: p.draw })}
                {p.held > 0 ? ` · ${t("gate.pool.held", { count: p.held })}` : null}
              </li>
            ))}
          </ul>
        </Condition>
        {/* Holds by construction: such questions never enter a certifying draw (domain pool and database trigger). */}
        <Condition id="sound" title={t("gate.sound.title")} ok todo="">
          <p>{t("gate.sound.ok")}</p>
          {gate.held.length > 0 ? (
            <>
              <p className="muted">{t("gate.sound.held", { count: gate.held.length })}</p>
              <QuestionProblemList t={t} questions={gate.held} />
            </>
          ) : null}
        </Condition>
        <Condition
          id="items"
          title={t("gate.items.title", { min: GATE_MIN_RESPONSES })}
          ok={gate.poorItems.length === 0}
          todo={t("gate.items.todo")}
        >
          {gate.poorItems.length === 0 ? (
            <p>{t("gate.items.ok")}</p>
          ) : (
            <ul>
              {gate.poorItems.map((i) => (
                <li key={i.versionId}>
                  {t("gate.items.row", { key: i.key, discrimination: formatNumber(i.discrimination, locale), responses: i.responses })}
                </li>
              ))}
            </ul>
          )}
        </Condition>
        <Condition id="approval" title={t("gate.approval.title")} ok={gate.approval !== null} todo={t("gate.approval.todo")}>
          <p>
            {gate.approval
              ? t("gate.approval.ok", { name: gate.approval.approvedBy ?? "—", at: formatDateTime(gate.approval.approvedAt) })
              : t("gate.approval.missing", { revision: view.revision })}
          </p>
          {gate.approval ? null : view.approveRefusal ? (
            <p className="alert alert--info">{t(`gate.refusal.${view.approveRefusal}`)}</p>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="revision" value={view.revision} />
              <p className="muted">{t("gate.approveHint")}</p>
              <p>
                <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
                  {t("gate.approve", { revision: view.revision })}
                </button>
              </p>
            </Form>
          )}
        </Condition>
      </ol>
    </section>
  );
}
