// The exam page's behaviour with JavaScript, as plain DOM code (decision 083):
// the countdown and the hand-in at 00:00, the answered counter, the autosave
// and its status line, and the confirmation before submitting. An exam
// *document* (not hydrated) runs it from one inline script with the CSP nonce,
// built from this very function's source; the React page calls it from an
// effect after client-side navigation. So it must stay self-contained: no
// imports, nothing from module scope, only its parameters and the DOM.
import type { MessageKey } from "~/i18n/index.ts";
import type { SaveOutcome } from "./post-answers.ts";

/** The page's words, translated on the server; `{name}` marks where a value goes. */
export type ExamTexts = {
  intro: string;
  autosaveHint: string;
  saving: string;
  savedAt: string;
  answered: string;
  submitting: string;
  confirmTitle: string;
  confirmAllAnswered: string;
  confirmUnanswered: string;
  questionNumber: string;
  confirmFinal: string;
  confirmSubmit: string;
  keepWorking: string;
};

/**
 * Enhances the exam form (`form[data-exam-form]`: `data-attempt`, `data-remaining-ms`,
 * `data-total`), whose page the server rendered to work without JavaScript. `post`
 * saves every answer (postAnswers). Returns the undo, for a React effect's cleanup.
 */
export function enhanceExamForm(
  form: HTMLFormElement,
  texts: ExamTexts,
  post: (attemptId: number, data: FormData) => Promise<SaveOutcome>,
) {
  const fill = (text: string, values: Record<string, string | number>) =>
    text.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m));
  const page = form.closest(".exam-take") ?? document;
  const attemptId = Number(form.dataset.attempt);
  const total = Number(form.dataset.total);
  const timer = page.querySelector<HTMLElement>(".exam-timer");
  const timerValue = page.querySelector<HTMLElement>(".exam-timer__value");
  const counter = page.querySelector<HTMLElement>(".exam-take__answered");
  const status = page.querySelector<HTMLElement>(".exam-save-status");
  const intro = page.querySelector<HTMLElement>(".exam-take__intro");
  const undo: (() => void)[] = [];
  const listen = (target: EventTarget, type: string, fn: (e: Event) => void) => {
    target.addEventListener(type, fn);
    undo.push(() => target.removeEventListener(type, fn));
  };
  const unanswered = () => {
    const data = new FormData(form);
    const missing: number[] = [];
    for (let p = 1; p <= total; p++) if (data.getAll(`q${p}`).length === 0) missing.push(p);
    return missing;
  };
  let handingIn = false;
  const handIn = () => {
    if (handingIn) return;
    handingIn = true;
    const intent = document.createElement("input");
    intent.type = "hidden";
    intent.name = "intent";
    intent.value = "submit";
    form.append(intent);
    form.submit();
  };

  // The time left: the server's figure at render time, ticked down on a monotonic clock.
  const end = performance.now() + Number(form.dataset.remainingMs);
  const clock = (ms: number) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    const two = (n: number) => String(n).padStart(2, "0");
    const h = Math.floor(s / 3600);
    return h > 0 ? `${h}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
  };
  const tick = () => {
    const left = Math.max(0, end - performance.now());
    if (timerValue) timerValue.textContent = clock(left);
    timer?.classList.toggle("exam-timer--low", left < 5 * 60_000);
    if (left < 1000) handIn();
  };
  page.querySelectorAll<HTMLElement>(".exam-timer__label, .exam-timer__value").forEach((el) => (el.hidden = false));
  tick();
  const interval = window.setInterval(tick, 1000);
  undo.push(() => window.clearInterval(interval));
  if (intro) intro.textContent = texts.intro;
  // A status the server wrote (the "save" button's outcome) stays until the first autosave.
  if (status && status.dataset.hint !== undefined) status.textContent = texts.autosaveHint;

  // One save in flight at a time, each with every answer: the last one saved is the latest.
  let busy = false;
  let again = false;
  const showSaved = (outcome: SaveOutcome) => {
    if (!outcome || !status) return;
    if ("redirect" in outcome) return window.location.assign(outcome.redirect);
    status.replaceChildren();
    if (outcome.state.ok) {
      const mark = document.createElement("span");
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "✓";
      const time = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Asia/Ho_Chi_Minh",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hour12: false,
      });
      status.append(mark, ` ${fill(texts.savedAt, { time: time.format(new Date(outcome.state.savedAt)) })}`);
    } else {
      const error = document.createElement("span");
      error.className = "exam-save-status__error";
      error.textContent = outcome.state.error;
      status.append(error);
    }
  };
  const save = () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    if (status) status.textContent = texts.saving;
    void post(attemptId, new FormData(form))
      .then(showSaved)
      .finally(() => {
        busy = false;
        if (again) {
          again = false;
          save();
        }
      });
  };

  let dialog: HTMLElement | null = null;
  const closeDialog = () => {
    dialog?.remove();
    dialog = null;
  };
  listen(form, "change", () => {
    if (counter) counter.textContent = fill(texts.answered, { answered: total - unanswered().length, total });
    closeDialog();
    save();
  });

  // "Nộp bài" asks first, in place, and names what is unanswered (without JavaScript, a page does).
  const el = (tag: string, text?: string, className?: string) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const confirmSubmit = () => {
    closeDialog();
    const missing = unanswered();
    dialog = el("div", undefined, "exam-confirm");
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", "exam-confirm-h");
    dialog.setAttribute("aria-describedby", "exam-confirm-body");
    dialog.tabIndex = -1;
    const heading = el("h2", texts.confirmTitle);
    heading.id = "exam-confirm-h";
    const body = el("div");
    body.id = "exam-confirm-body";
    if (missing.length === 0) body.append(el("p", fill(texts.confirmAllAnswered, { total })));
    else {
      body.append(el("p", fill(texts.confirmUnanswered, { count: missing.length, total })));
      const list = el("ul", undefined, "exam-confirm__list");
      for (const p of missing) {
        const link = el("a", fill(texts.questionNumber, { n: p })) as HTMLAnchorElement;
        link.href = `#q-${p}`;
        const item = el("li");
        item.append(link);
        list.append(item);
      }
      body.append(list);
    }
    body.append(el("p", texts.confirmFinal));
    const actions = el("div", undefined, "exam-take__actions");
    const yes = el("button", texts.confirmSubmit, "button") as HTMLButtonElement;
    yes.type = "submit";
    yes.name = "intent";
    yes.value = "submit";
    const no = el("button", texts.keepWorking, "button button--secondary") as HTMLButtonElement;
    no.type = "button";
    no.addEventListener("click", closeDialog);
    actions.append(yes, no);
    dialog.append(heading, body, actions);
    form.append(dialog);
    dialog.focus();
  };
  listen(form, "click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[name="intent"][value="review"]');
    if (!button) return;
    e.preventDefault();
    confirmSubmit();
  });
  listen(form, "submit", (e) => {
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value !== "submit") return;
    // Once: a second click while the first is on its way changes nothing.
    if (handingIn) return e.preventDefault();
    handingIn = true;
    submitter.textContent = texts.submitting;
    submitter.setAttribute("aria-disabled", "true");
  });
  undo.push(closeDialog);

  form.dataset.ready = "true";
  return () => {
    for (const fn of undo) fn();
    delete form.dataset.ready;
  };
}

/** The exam document's one script: enhanceExamForm and postAnswers from their source, run on the page's form. */
export function examDocumentScript(texts: ExamTexts, postAnswers: (attemptId: number, data: FormData) => Promise<SaveOutcome>): string {
  const run = (enhance: typeof enhanceExamForm, post: typeof postAnswers, words: ExamTexts) => {
    const form = document.querySelector<HTMLFormElement>("form[data-exam-form]");
    if (form) enhance(form, words, post);
  };
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `(${run.toString()})(${enhanceExamForm.toString()}, ${postAnswers.toString()}, ${json(texts)});`;
}

/** The texts, from the server's or the browser's translation. */
export function examTexts(t: (key: MessageKey) => string): ExamTexts {
  return {
    intro: t("exams.take.intro"),
    autosaveHint: t("exams.take.autosaveHint"),
    saving: t("exams.take.saving"),
    savedAt: t("exams.take.savedAt"),
    answered: t("exams.take.answered"),
    submitting: t("exams.take.submitting"),
    confirmTitle: t("exams.take.confirmTitle"),
    confirmAllAnswered: t("exams.take.confirmAllAnswered"),
    confirmUnanswered: t("exams.take.confirmUnanswered"),
    questionNumber: t("exams.take.questionNumber"),
    confirmFinal: t("exams.take.confirmFinal"),
    confirmSubmit: t("exams.take.confirmSubmit"),
    keepWorking: t("exams.take.keepWorking"),
  };
}
