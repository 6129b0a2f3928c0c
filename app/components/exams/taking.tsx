import { formatClock } from "./countdown.tsx";
import type { Translate } from "~/i18n/index.ts";
import { useT } from "~/utils/use-t.ts";

// The exam page's question and its save status (app/routes/exams/exams.$attemptId.tsx).

/** A question as the learner takes it: stem, options in their order, their own answer; never a key. */
export type TakingQuestion = {
  position: number;
  type: string;
  stem: string;
  options: { id: string; text: string }[];
  answer: string[];
};

export type SaveState = { ok: true; savedAt: string } | { ok: false; error: string } | undefined;

/**
 * The save's status line as the server renders it: the "save" button's outcome, else
 * the hint that the button saves (`data-hint`: the page's script says autosave instead).
 */
export function SaveStatus({ state }: { state: SaveState }) {
  const t = useT();
  return (
    <p className="exam-save-status" role="status" aria-live="polite" data-hint={state ? undefined : ""}>
      {state?.ok ? (
        <>
          <span aria-hidden="true">✓</span> {t("exams.take.savedAt", { time: formatClock(state.savedAt) })}
        </>
      ) : state ? (
        <span className="exam-save-status__error">{state.error}</span>
      ) : (
        t("exams.take.saveHint")
      )}
    </p>
  );
}

/**
 * The attempt's questions, rendered to HTML on the server only and sent once
 * (decision 080): the page hydrates around it and reads the answers from the form.
 */
export function QuestionList({ questions, t }: { questions: readonly TakingQuestion[]; t: Translate }) {
  return (
    <ol className="exam-questions">
      {questions.map((q) => (
        <Question key={q.position} q={q} t={t} />
      ))}
    </ol>
  );
}

function Question({ q, t }: { q: TakingQuestion; t: Translate }) {
  const multiple = q.type === "MULTIPLE";
  const options =
    q.type === "TRUE_FALSE"
      ? [
          { id: "true", text: t("exams.take.true") },
          { id: "false", text: t("exams.take.false") },
        ]
      : q.options;
  const hintId = `q-${q.position}-hint`;
  return (
    <li>
      <fieldset className="exam-question" id={`q-${q.position}`} aria-describedby={multiple ? hintId : undefined}>
        <legend className="exam-question__stem">
          <span className="exam-question__number">{t("exams.take.questionNumber", { n: q.position })}</span> {q.stem}
        </legend>
        {multiple ? (
          <p className="exam-question__hint" id={hintId}>
            {t("exams.take.multipleHint")}
          </p>
        ) : null}
        <ul className="exam-options">
          {options.map((o) => (
            <li key={o.id}>
              <label className="exam-option">
                <input
                  type={multiple ? "checkbox" : "radio"}
                  name={`q${q.position}`}
                  value={o.id}
                  defaultChecked={q.answer.includes(o.id)}
                />
                <span>{o.text}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </li>
  );
}
