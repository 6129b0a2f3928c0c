import type { ReactNode } from "react";

type ProblemColumn<P> = { label: string; cell: (problem: P) => ReactNode };

type ImportProblemsProps<P> = {
  problems: readonly P[];
  title: string;
  hint: string;
  caption?: string;
  lineLabel: string;
  /** The columns after the line number: each upload explains its problems its own way. */
  columns: readonly ProblemColumn<P>[];
};

/**
 * Why an upload was refused: one row a problem, by the line number the person
 * sees in their editor. The whole file is refused, so all of them are listed at once.
 */
export function ImportProblems<P extends { line: number }>({ problems, title, hint, caption, lineLabel, columns }: ImportProblemsProps<P>) {
  if (problems.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="import-problems">
      <div role="alert" className="alert alert--error">
        <h2 id="import-problems">{title}</h2>
        <p>{hint}</p>
      </div>
      <div className="table-wrap">
        <table>
          {caption ? <caption className="muted">{caption}</caption> : null}
          <thead>
            <tr>
              <th scope="col" className="num">
                {lineLabel}
              </th>
              {columns.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              // Two problems can share a line (and a column), so the index is the only stable key.
              <tr key={i}>
                <td className="num">{p.line}</td>
                {columns.map((c) => (
                  <td key={c.label}>{c.cell(p)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
