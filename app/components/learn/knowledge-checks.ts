import { useEffect, useRef } from "react";
import { useSubmit } from "react-router";
import { enhanceKnowledgeChecks, printOpensDetails, type CheckTexts } from "./lesson-enhancements.ts";

/**
 * The lesson's enhancements (lesson-enhancements.ts) on a page React renders in
 * the browser (after client-side navigation): an answer is posted by a fetcher,
 * and the loaders revalidate after each, which updates the lesson's status.
 */
export function useKnowledgeChecks(
  article: React.RefObject<HTMLElement | null>,
  html: string,
  answered: readonly number[],
  texts: CheckTexts,
) {
  // One fetcher per check, so answering several quickly cancels none of them.
  const submitter = useSubmit();
  const submit = useRef(submitter);
  useEffect(() => {
    submit.current = submitter;
  }, [submitter]);
  const answeredKey = answered.join(",");

  useEffect(() => {
    const root = article.current;
    if (!root) return;
    const done = answeredKey ? answeredKey.split(",").map(Number) : [];
    const words = { correct: texts.correct, wrong: texts.wrong, done: texts.done };
    return enhanceKnowledgeChecks(root, done, words, (data, check) => {
      data.set("enhanced", "1");
      void submit.current(data, { method: "post", navigate: false, fetcherKey: `knowledge-check-${check}` });
    });
  }, [article, html, answeredKey, texts.correct, texts.wrong, texts.done]);
}

/** Printing a lesson prints every answer (see printOpensDetails). */
export function usePrintOpensDetails(article: React.RefObject<HTMLElement | null>) {
  useEffect(() => (article.current ? printOpensDetails(article.current) : undefined), [article]);
}
