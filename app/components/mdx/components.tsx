import { Children, isValidElement, type ComponentType, type ReactElement, type ReactNode } from "react";
import type { CalloutType, ComponentName } from "~/domain/content/mdx-rules.ts";
import { LegalRef } from "./legal-ref.tsx";
import { translate } from "~/i18n/index.ts";
import { MdxContextProvider, useMdxContext } from "./mdx-context.ts";

// The one component map authored MDX may use. Its keys are exactly the names
// app/domain/content/mdx-rules.ts allows (typed by ComponentName, so adding a
// name to one and not the other does not compile). They render to static HTML at view time on the
// server; the browser never evaluates lesson code (docs/decisions/007).

const CALLOUT_LABELS: Record<CalloutType, string> = {
  info: "Thông tin",
  warning: "Cảnh báo",
  important: "Quan trọng",
  history: "Lịch sử pháp lý",
};

function Callout({ type, children }: { type: string; children?: ReactNode }) {
  return (
    <aside className={`callout callout--${type}`} role="note">
      <p className="callout__label">{CALLOUT_LABELS[type as CalloutType] ?? type}</p>
      {children}
    </aside>
  );
}

function TrainerNote({ children }: { children?: ReactNode }) {
  const context = useMdxContext();
  if (!context.showTrainerNotes) return null;
  return (
    <aside className="trainer-note" role="note">
      <p className="callout__label">Ghi chú cho giảng viên</p>
      <MdxContextProvider value={{ ...context, inTrainerNote: true }}>{children}</MdxContextProvider>
    </aside>
  );
}

function Term({ id, children }: { id: string; children?: ReactNode }) {
  const { glossary, nextId } = useMdxContext();
  const entry = glossary.get(id);
  const tipId = `term-${nextId()}`;
  if (!entry) return <>{children}</>;
  return (
    <span className="term" tabIndex={0} aria-describedby={tipId}>
      {children}
      <span className="term__tip" role="tooltip" id={tipId}>
        <strong>{entry.term}</strong>: {entry.definition}
      </span>
    </span>
  );
}

function Figure({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
  return (
    <figure className="figure">
      <img src={src} alt={alt} loading="lazy" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

function Steps({ children }: { children?: ReactNode }) {
  return <div className="steps">{children}</div>;
}

function Option({ children }: OptionProps) {
  return <>{children}</>;
}

function Explanation({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}

type OptionProps = { correct?: boolean | string; children?: ReactNode };

/**
 * Options and the explanation, wherever MDX put them (often inside a paragraph),
 * looking through plain elements but not into other components: the same options,
 * in the same order, as the rules' knowledge-check keys (mdx-rules.ts) that grade answers.
 */
function collect(children: ReactNode, found: { options: ReactElement<OptionProps>[]; explanation: ReactNode[] }) {
  Children.forEach(children, (child) => {
    if (!isValidElement<OptionProps>(child)) return;
    if (child.type === Option) found.options.push(child);
    else if (child.type === Explanation) found.explanation.push(child.props.children);
    else if (typeof child.type === "string") collect(child.props.children, found);
  });
  return found;
}

const LETTERS = "ABCDEFGH";

/**
 * A practice question. Outside trainer notes it is a form that posts the answer
 * (`intent=answer`, the version's content hash, the check's number, the option's
 * letter) to the lesson page, which grades it on the server and records it: a
 * lesson is done only once its checks are answered (domain/content/completion.ts).
 * Works without JavaScript; the lesson route adds instant feedback.
 */
function KnowledgeCheck({ question, children }: { question: string; children?: ReactNode }) {
  const { nextId, nextCheck, inTrainerNote, contentHash } = useMdxContext();
  const group = `kc-${nextId()}`;
  const index = inTrainerNote || contentHash === null ? null : nextCheck();
  const { options, explanation } = collect(children, { options: [], explanation: [] });
  const correct = options.findIndex((o) => o.props.correct === true || o.props.correct === "true");
  const list = (
    <ul className="knowledge-check__options">
      {options.map((o, i) => (
        <li key={i}>
          <label>
            <input
              type="radio"
              name={index === null ? group : "option"}
              value={LETTERS[i]}
              required={index !== null}
              data-correct={i === correct ? "true" : "false"}
            />
            <span className="knowledge-check__letter">{LETTERS[i]}.</span> {o.props.children}
          </label>
        </li>
      ))}
    </ul>
  );
  return (
    <section
      className="knowledge-check"
      id={index === null ? undefined : `kc-${index + 1}`}
      aria-labelledby={`${group}-q`}
      data-knowledge-check=""
      data-check={index ?? undefined}
    >
      <p className="knowledge-check__label">Câu hỏi ôn tập (không tính điểm)</p>
      <p id={`${group}-q`} className="knowledge-check__question">
        {question}
      </p>
      {index === null ? (
        list
      ) : (
        <form method="post" className="knowledge-check__form">
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="content" value={contentHash ?? ""} />
          <input type="hidden" name="check" value={index} />
          {list}
          <button type="submit" className="button button--secondary knowledge-check__submit">
            {translate("vi", "learn.lesson.check.submit")}
          </button>
        </form>
      )}
      <p className="knowledge-check__feedback" aria-live="polite" hidden />
      <details className="knowledge-check__answer">
        <summary>Xem đáp án và giải thích</summary>
        <p>
          Đáp án đúng: <strong>{LETTERS[correct]}</strong>
        </p>
        {explanation}
      </details>
    </section>
  );
}

export const MDX_COMPONENTS = { Callout, LegalRef, Term, Figure, Steps, KnowledgeCheck, Option, Explanation, TrainerNote } satisfies Record<
  ComponentName,
  ComponentType<never>
>;
