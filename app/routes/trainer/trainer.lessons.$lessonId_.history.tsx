import { Form, Link } from "react-router";
import type { Route } from "./+types/trainer.lessons.$lessonId_.history";
import { diffStats, lineDiff, type DiffLine } from "~/domain/content/line-diff.ts";
import { lessonHistory, restoreVersion, versionSources } from "~/services/content/authoring.server.ts";
import { notFound, requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

const versionParam = (raw: string | null) => (raw && /^\d{1,6}$/.test(raw) ? Number(raw) : null);

/** After the guard: the lesson the URL names, with its versions, else 404. */
async function findLesson(raw: string | undefined) {
  return requireFound(await lessonHistory(requireId(raw)), () => true);
}

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const lesson = await findLesson(args.params.lessonId);
  const params = new URL(args.request.url).searchParams;
  const numbers = lesson.versions.map((v) => v.version);
  // Default comparison: the latest version against the one before it.
  let a = versionParam(params.get("a")) ?? numbers[1] ?? null;
  let b = versionParam(params.get("b")) ?? numbers[0] ?? null;
  const badVersion = (a !== null && !numbers.includes(a)) || (b !== null && !numbers.includes(b));
  let diff: DiffLine[] | null = null;
  if (!badVersion && a !== null && b !== null) {
    if (a > b) [a, b] = [b, a];
    const sources = await versionSources(lesson.id, [a, b]);
    const sourceOf = (n: number) => sources.get(n) ?? "";
    diff = lineDiff(sourceOf(a), sourceOf(b));
  }
  return {
    pageTitle: `${t("trainer.history.title", { title: lesson.versions[0]?.title ?? lesson.slug })} · ${t("app.name")}`,
    lesson: {
      id: lesson.id,
      title: lesson.versions[0]?.title ?? lesson.slug,
      courseTitle: lesson.course.title,
      hasDraft: lesson.draft !== null,
    },
    versions: lesson.versions.map((v) => ({ version: v.version, title: v.title, publishedAt: v.publishedAt, by: v.by })),
    compare: { a, b, badVersion, diff: diff && { hunks: hunks(diff), ...diffStats(diff) } },
  };
}

/** Changed lines with a few lines of context; long unchanged stretches become one "… n lines …" row. */
type Row = DiffLine | { type: "skip"; count: number };
const CONTEXT = 3;
function hunks(diff: DiffLine[]): Row[] {
  const near = diff.map(() => false);
  diff.forEach((d, i) => {
    if (d.type === "same") return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(diff.length - 1, i + CONTEXT); j++) near[j] = true;
  });
  const rows: Row[] = [];
  let skipped = 0;
  diff.forEach((d, i) => {
    if (near[i]) {
      if (skipped) rows.push({ type: "skip", count: skipped });
      skipped = 0;
      rows.push(d);
    } else skipped++;
  });
  if (skipped) rows.push({ type: "skip", count: skipped });
  return rows;
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const lesson = await findLesson(args.params.lessonId);
  const form = await args.request.formData();
  const version = versionParam(String(form.get("version") ?? ""));
  if (form.get("intent") !== "restore" || version === null) throw new Response("Bad Request", { status: 400 });
  if (!(await restoreVersion(lesson.id, version, user.personId, new Date())).ok) notFound();
  return redirectWithFlash(`/trainer/lessons/${lesson.id}`, "trainer.editor.restored", { version });
}

const MARK = { added: "+", removed: "−", same: " " } as const;

export default function LessonHistory({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { lesson, versions, compare } = loaderData;
  // The newest published version is what learners read: restoring it would change nothing.
  const current = Math.max(0, ...versions.map((v) => v.version));
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/trainer/lessons/${lesson.id}`}>{t("trainer.history.editorLink")}</Link>
      </p>
      <h1>{t("trainer.history.title", { title: lesson.title })}</h1>
      <p className="lead">{lesson.courseTitle}</p>

      <section className="card stack" aria-labelledby="versions-h">
        <h2 id="versions-h">{t("trainer.history.versions")}</h2>
        {versions.length === 0 ? (
          <p className="empty">{t("trainer.history.none")}</p>
        ) : (
          <>
            <p className="muted">
              {t("trainer.history.restoreHint")}
              {lesson.hasDraft ? ` ${t("trainer.history.draftWarning")}` : null}
            </p>
            <div className="table-wrap" role="region" aria-labelledby="versions-h" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("trainer.history.version")}
                    </th>
                    <th scope="col">{t("trainer.history.date")}</th>
                    <th scope="col">{t("trainer.history.lessonTitle")}</th>
                    <th scope="col">{t("trainer.history.by")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("trainer.history.restore")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version}>
                      <td className="num">{v.version}</td>
                      <td className="nowrap">{formatDateTime(v.publishedAt)}</td>
                      <td className="wrap-anywhere">{v.title}</td>
                      <td>{v.by ?? t("trainer.history.system")}</td>
                      <td>
                        {v.version === current ? (
                          <span className="badge badge--ok">{t("trainer.history.current")}</span>
                        ) : (
                          <Form method="post">
                            <input type="hidden" name="version" value={v.version} />
                            <button type="submit" name="intent" value="restore" className="button button--secondary">
                              {t("trainer.history.restore")}
                              <span className="visually-hidden"> ({t("trainer.history.restoreVersion", { version: v.version })})</span>
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="compare-h">
        <h2 id="compare-h">{t("trainer.history.compare")}</h2>
        {versions.length < 2 ? (
          <p className="empty">{t("trainer.history.needTwo")}</p>
        ) : (
          <Form method="get" className="row">
            <div className="field">
              <span>
                <label htmlFor="compare-a">{t("trainer.history.from")}</label>
              </span>
              <select id="compare-a" name="a" defaultValue={compare.a ?? undefined}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} · {formatDateTime(v.publishedAt)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <span>
                <label htmlFor="compare-b">{t("trainer.history.to")}</label>
              </span>
              <select id="compare-b" name="b" defaultValue={compare.b ?? undefined}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} · {formatDateTime(v.publishedAt)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t("trainer.history.compareSubmit")}
            </button>
          </Form>
        )}
        {compare.badVersion ? (
          <p role="alert" className="alert alert--error">
            {t("trainer.history.badVersion")}
          </p>
        ) : null}
        {compare.diff && compare.a !== null && compare.b !== null ? (
          <div className="stack" key={`${compare.a}-${compare.b}`}>
            <h3>{t("trainer.history.diffTitle", { a: compare.a, b: compare.b })}</h3>
            {compare.diff.added + compare.diff.removed === 0 ? (
              <p>{t("trainer.history.identical")}</p>
            ) : (
              <>
                <p className="muted">
                  {t("trainer.history.diffStats", { added: compare.diff.added, removed: compare.diff.removed })}{" "}
                  {t("trainer.history.legend", { a: compare.a, b: compare.b })}
                </p>
                <ol className="diff" aria-label={t("trainer.history.diffTitle", { a: compare.a, b: compare.b })}>
                  {compare.diff.hunks.map((row, i) =>
                    row.type === "skip" ? (
                      <li key={i} className="diff__skip">
                        {t("trainer.history.unchangedLines", { count: row.count })}
                      </li>
                    ) : (
                      <li key={i} className={`diff__line diff__line--${row.type}`} data-type={row.type}>
                        <span className="diff__mark" aria-hidden="true">
                          {MARK[row.type]}
                        </span>
                        {row.type !== "same" ? <span className="visually-hidden">{t(`trainer.history.${row.type}`)}: </span> : null}
                        <span className="diff__text">{row.text || "\u00a0"}</span>
                      </li>
                    ),
                  )}
                </ol>
              </>
            )}
          </div>
        ) : null}
      </section>
    </div>
  );
}
