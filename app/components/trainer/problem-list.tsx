import type { MdxProblem } from "~/domain/content/mdx-rules.ts";
import { useT } from "~/utils/use-t.ts";
import { problemMessage } from "./problem-message.ts";

/** The problems of a lesson, in line order, or nothing. */
/** onGoToLine: with scripts, a problem with a line is a button that selects that line in the text. */
export function ProblemList({
  problems,
  id,
  onGoToLine,
}: {
  problems: readonly MdxProblem[];
  id?: string;
  onGoToLine?: (line: number) => void;
}) {
  const t = useT();
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  return (
    <div id={id} className="problem-list">
      <p className="problem-list__title">{t("trainer.editor.problems", { count: problems.length })}</p>
      <ul>
        {sorted.map((p, i) => (
          <li key={i} data-code={p.code}>
            {onGoToLine && p.line ? (
              <button type="button" className="problem-list__go" onClick={() => onGoToLine(p.line!)}>
                {problemMessage(t, p)}
              </button>
            ) : (
              problemMessage(t, p)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
