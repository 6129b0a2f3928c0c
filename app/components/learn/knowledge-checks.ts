import { useEffect, useRef } from "react";
import { useSubmit } from "react-router";

type Texts = { correct: string; wrong: string; done: string };

/**
 * Enhances the lesson's knowledge checks (static HTML; without JavaScript each is
 * a form that posts its answer): choosing an option gives feedback at once and
 * posts the answer in the background, so the server records it and the lesson's
 * status (may it be marked done?) updates. Checks already answered correctly say so.
 */
export function useKnowledgeChecks(article: React.RefObject<HTMLElement | null>, html: string, answered: readonly number[], texts: Texts) {
  // One fetcher per check, so answering several quickly cancels none of them; the
  // loaders revalidate after each, which updates the lesson's status.
  const submitter = useSubmit();
  const submit = useRef(submitter);
  useEffect(() => {
    submit.current = submitter;
  }, [submitter]);
  const answeredKey = answered.join(",");

  useEffect(() => {
    const root = article.current;
    if (!root) return;
    const done = new Set(answeredKey ? answeredKey.split(",").map(Number) : []);
    const offs = Array.from(root.querySelectorAll<HTMLElement>("[data-knowledge-check]")).map((check) => {
      const feedback = check.querySelector<HTMLElement>(".knowledge-check__feedback");
      const form = check.querySelector<HTMLFormElement>("form.knowledge-check__form");
      const show = (text: string, right: boolean) => {
        if (!feedback) return;
        feedback.textContent = text;
        feedback.hidden = false;
        feedback.classList.toggle("knowledge-check__feedback--correct", right);
        feedback.classList.toggle("knowledge-check__feedback--wrong", !right);
        check.classList.add("knowledge-check--answered");
      };
      if (check.dataset.check !== undefined && done.has(Number(check.dataset.check)) && feedback?.hidden) show(texts.done, true);
      const post = (input: HTMLInputElement) => {
        if (!form) return;
        const data = new FormData(form);
        data.set("option", input.value);
        data.set("enhanced", "1");
        void submit.current(data, { method: "post", navigate: false, fetcherKey: `knowledge-check-${check.dataset.check}` });
      };
      const onChange = (event: Event) => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
        const right = input.dataset.correct === "true";
        show(right ? texts.correct : texts.wrong, right);
        post(input);
      };
      const onSubmit = (event: Event) => {
        event.preventDefault();
        const chosen = form?.querySelector<HTMLInputElement>("input[type=radio]:checked");
        if (chosen) post(chosen);
      };
      const button = form?.querySelector<HTMLButtonElement>(".knowledge-check__submit");
      if (button) button.hidden = true;
      check.addEventListener("change", onChange);
      form?.addEventListener("submit", onSubmit);
      check.dataset.ready = "true"; // lets browser tests wait for the enhancement
      return () => {
        check.removeEventListener("change", onChange);
        form?.removeEventListener("submit", onSubmit);
        if (button) button.hidden = false;
        delete check.dataset.ready;
      };
    });
    return () => offs.forEach((off) => off());
  }, [article, html, answeredKey, texts.correct, texts.wrong, texts.done]);
}
