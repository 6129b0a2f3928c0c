// The exam page's questions as HTML (decision 080). An attempt's questions are
// its own (drawn and shuffled for it), so nothing is cached: the point is that
// they are rendered once, without hooks, and sent once — not a second time as
// hydration data, which cost more than rendering them.
import { renderToStaticMarkup } from "react-dom/server";
import { QuestionList, type TakingQuestion } from "~/components/exams/taking.tsx";
import { translate, type Locale } from "~/i18n/index.ts";

export function questionsHtml(locale: Locale, questions: readonly TakingQuestion[]) {
  return renderToStaticMarkup(<QuestionList questions={questions} t={(key, params) => translate(locale, key, params)} />);
}
