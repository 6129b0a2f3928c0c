import type { QuestionFormValues } from "~/services/exams/question-admin.server.ts";
import { useState } from "react";
import { Form } from "react-router";
import { Field, FormAlert } from "~/components/people/form-field.tsx";
import { useHydrated } from "~/utils/use-hydrated.ts";
import { useT } from "~/utils/use-t.ts";

// The question editor (new and edit). Without JavaScript every part shows and
// the server sorts it out (blank rows ignored, the type decides what counts);
// with it, only the parts of the chosen type show and a one-answer question
// gets radio buttons.

type QuestionFormState = QuestionFormValues;

type Props = {
  isNew: boolean;
  values: QuestionFormState;
  errors?: Record<string, string>;
  courses: { id: number; title: string }[];
  documents: { code: string; title: string }[];
  topics: string[];
  busy: boolean;
};

const ID = "question";

export function QuestionForm({ isNew, values, errors, courses, documents, topics, busy }: Props) {
  const t = useT();
  const [type, setType] = useState(values.type);
  const live = useHydrated();
  const showOptions = !live || type !== "TRUE_FALSE";
  const showAnswer = !live || type === "TRUE_FALSE";
  const showWeights = !live || type === "MULTIPLE";
  const radio = live && type === "SINGLE";
  const rowError = (name: string) => errors?.[name];

  return (
    <Form method="post" className="stack" noValidate aria-busy={busy}>
      <input type="hidden" name="intent" value="save" />
      <FormAlert errors={errors} message={t("form.errors")} />
      {isNew ? (
        <Field form={ID} name="key" label={t("questions.edit.key")} hint={t("questions.edit.keyHint")} error={errors?.key}>
          {(c) => <input {...c} defaultValue={values.key} maxLength={80} autoComplete="off" spellCheck={false} />}
        </Field>
      ) : null}
      <div className="row">
        <Field form={ID} name="course" label={t("questions.edit.course")} error={errors?.course}>
          {(c) => (
            <select {...c} defaultValue={values.course}>
              <option value="">{t("questions.edit.noCourse")}</option>
              {courses.map((course) => (
                <option key={course.id} value={course.id}>
                  {course.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={ID} name="topic" label={t("questions.edit.topic")} hint={t("questions.edit.topicHint")} error={errors?.topic}>
          {(c) => <input {...c} defaultValue={values.topic} maxLength={60} list="question-topics" autoComplete="off" spellCheck={false} />}
        </Field>
        <datalist id="question-topics">
          {topics.map((topic) => (
            <option key={topic} value={topic} />
          ))}
        </datalist>
        <Field
          form={ID}
          name="variantGroup"
          label={t("questions.edit.variantGroup")}
          hint={t("questions.edit.variantGroupHint")}
          error={errors?.variantGroup}
        >
          {(c) => <input {...c} defaultValue={values.variantGroup} maxLength={60} autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <div className="row">
        <Field form={ID} name="type" label={t("questions.edit.type")} error={errors?.type}>
          {(c) => (
            <select {...c} value={type} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="SINGLE">{t("questions.type.SINGLE")}</option>
              <option value="MULTIPLE">{t("questions.type.MULTIPLE")}</option>
              <option value="TRUE_FALSE">{t("questions.type.TRUE_FALSE")}</option>
            </select>
          )}
        </Field>
        <Field form={ID} name="difficulty" label={t("questions.edit.difficulty")} error={errors?.difficulty}>
          {(c) => (
            <select {...c} defaultValue={values.difficulty}>
              <option value="1">{t("questions.difficulty.1")}</option>
              <option value="2">{t("questions.difficulty.2")}</option>
              <option value="3">{t("questions.difficulty.3")}</option>
            </select>
          )}
        </Field>
      </div>
      <Field form={ID} name="stem" label={t("questions.edit.stem")} error={errors?.stem}>
        {(c) => <textarea {...c} defaultValue={values.stem} rows={4} maxLength={2000} />}
      </Field>

      <fieldset className="card stack" hidden={!showOptions} aria-describedby="question-options-hint">
        <legend id="question-options-legend">
          <strong>{t("questions.edit.options")}</strong>
        </legend>
        <p id="question-options-hint" className="muted">
          <small>
            {t("questions.edit.optionsHint")} {showWeights ? t("questions.edit.weightHint") : null}
          </small>
        </p>
        {errors?.options ? (
          <p className="field-error" id="question-options-error">
            {errors.options}
          </p>
        ) : null}
        <div className="table-wrap" role="region" aria-labelledby="question-options-legend" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("questions.edit.correct")}</th>
                <th scope="col">{t("questions.edit.optionText")}</th>
                <th scope="col" hidden={!showWeights}>
                  {t("questions.edit.weight")}
                </th>
                <th scope="col">{t("questions.edit.feedback")}</th>
              </tr>
            </thead>
            <tbody>
              {values.options.map((o, i) => {
                const error = rowError(`option-${i}`);
                const errorId = error ? `question-option-${i}-error` : undefined;
                const n = i + 1;
                return (
                  <tr key={i}>
                    <td>
                      <label className="visually-hidden" htmlFor={`question-option-${i}-correct`}>
                        {t("questions.edit.correctN", { n })}
                      </label>
                      <input
                        id={`question-option-${i}-correct`}
                        type={radio ? "radio" : "checkbox"}
                        name="correct"
                        value={i}
                        defaultChecked={o.correct}
                      />
                    </td>
                    <td>
                      <label className="visually-hidden" htmlFor={`question-option-${i}-text`}>
                        {t("questions.edit.optionN", { n })}
                      </label>
                      <input
                        id={`question-option-${i}-text`}
                        name={`option-${i}-text`}
                        defaultValue={o.text}
                        maxLength={500}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={errorId}
                      />
                      {error ? (
                        <p className="field-error" id={errorId}>
                          {error}
                        </p>
                      ) : null}
                    </td>
                    <td hidden={!showWeights}>
                      <label className="visually-hidden" htmlFor={`question-option-${i}-weight`}>
                        {t("questions.edit.weightN", { n })}
                      </label>
                      <input
                        id={`question-option-${i}-weight`}
                        name={`option-${i}-weight`}
                        defaultValue={o.weight}
                        inputMode="decimal"
                        size={6}
                        maxLength={8}
                      />
                    </td>
                    <td>
                      <label className="visually-hidden" htmlFor={`question-option-${i}-feedback`}>
                        {t("questions.edit.feedbackN", { n })}
                      </label>
                      <input
                        id={`question-option-${i}-feedback`}
                        name={`option-${i}-feedback`}
                        defaultValue={o.feedback}
                        maxLength={1000}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>

      <fieldset className="card stack" hidden={!showAnswer} aria-describedby={errors?.answer ? "question-answer-error" : undefined}>
        <legend>
          <strong>{t("questions.edit.answer")}</strong>
        </legend>
        <div className="row">
          <label>
            <input type="radio" name="answer" value="true" defaultChecked={values.answer === "true"} /> {t("questions.answer.true")}
          </label>
          <label>
            <input type="radio" name="answer" value="false" defaultChecked={values.answer === "false"} /> {t("questions.answer.false")}
          </label>
        </div>
        {errors?.answer ? (
          <p className="field-error" id="question-answer-error">
            {errors.answer}
          </p>
        ) : null}
      </fieldset>

      <Field
        form={ID}
        name="explanation"
        label={t("questions.edit.explanation")}
        hint={t("questions.edit.explanationHint")}
        error={errors?.explanation}
      >
        {(c) => <textarea {...c} defaultValue={values.explanation} rows={5} maxLength={4000} />}
      </Field>

      <fieldset className="card stack" aria-describedby="question-citations-hint">
        <legend id="question-citations-legend">
          <strong>{t("questions.edit.citations")}</strong>
        </legend>
        <p id="question-citations-hint" className="muted">
          <small>{t("questions.edit.citationsHint")}</small>
        </p>
        {errors?.citations ? <p className="field-error">{errors.citations}</p> : null}
        <div className="table-wrap" role="region" aria-labelledby="question-citations-legend" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("questions.edit.document")}</th>
                <th scope="col">{t("questions.edit.article")}</th>
                <th scope="col">{t("questions.edit.clause")}</th>
                <th scope="col">{t("questions.edit.point")}</th>
              </tr>
            </thead>
            <tbody>
              {values.citations.map((c, i) => {
                const error = rowError(`cite-${i}`);
                const errorId = error ? `question-cite-${i}-error` : undefined;
                const n = i + 1;
                const part = (name: "article" | "clause" | "point", label: string) => (
                  <td>
                    <label className="visually-hidden" htmlFor={`question-cite-${i}-${name}`}>
                      {t("questions.edit.citationPart", { part: label, n })}
                    </label>
                    <input
                      id={`question-cite-${i}-${name}`}
                      name={`cite-${i}-${name}`}
                      defaultValue={c[name]}
                      size={5}
                      maxLength={20}
                      aria-invalid={error ? true : undefined}
                    />
                  </td>
                );
                return (
                  <tr key={i}>
                    <td>
                      <label className="visually-hidden" htmlFor={`question-cite-${i}-doc`}>
                        {t("questions.edit.documentN", { n })}
                      </label>
                      <select
                        id={`question-cite-${i}-doc`}
                        name={`cite-${i}-doc`}
                        defaultValue={c.doc}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={errorId}
                      >
                        <option value="">{t("questions.edit.noDocument")}</option>
                        {documents.map((d) => (
                          <option key={d.code} value={d.code}>
                            {d.code} — {d.title}
                          </option>
                        ))}
                      </select>
                      {error ? (
                        <p className="field-error" id={errorId}>
                          {error}
                        </p>
                      ) : null}
                    </td>
                    {part("article", t("questions.edit.article"))}
                    {part("clause", t("questions.edit.clause"))}
                    {part("point", t("questions.edit.point"))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>

      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.saving") : isNew ? t("questions.edit.create") : t("questions.edit.save")}
        </button>
      </div>
    </Form>
  );
}
