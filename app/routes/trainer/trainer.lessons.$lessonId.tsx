import { useEffect, useRef, useState } from "react";
import { data, Form, Link, useFetcher, useNavigation } from "react-router";
import type { Route } from "./+types/trainer.lessons.$lessonId";
import { MdxReference } from "~/components/trainer/mdx-reference.tsx";
import { lineRange, positionAt } from "~/components/trainer/source-position.ts";
import { ProblemList } from "~/components/trainer/problem-list.tsx";
import type { MdxProblem } from "~/domain/content/mdx-rules.ts";
import { MAX_SOURCE_CHARS } from "~/domain/content/authoring.ts";
import {
  lessonForEditor,
  normalizeSource,
  previewLesson,
  publishedPreview,
  type PreviewResult,
} from "~/services/content/authoring.server.ts";
import { publishLesson, saveDraft } from "~/services/content/publish.server.ts";
import { requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useHydrated } from "~/utils/use-hydrated.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

/** After the guard: the lesson the URL names, else 404. */
async function findLesson(raw: string | undefined) {
  return requireFound(await lessonForEditor(requireId(raw)), () => true);
}

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const lesson = await findLesson(args.params.lessonId);
  const latest = lesson.versions[0] ?? null;
  const source = lesson.draft?.source ?? latest?.source ?? "";
  // Opening the editor never compiles: the published version renders from its
  // stored code; a draft that differs is previewed on request (or by the page's script).
  const preview = latest && source === latest.source ? await publishedPreview(latest, new Date()) : null;
  return {
    pageTitle: `${t("trainer.editor.title", { title: latest?.title ?? lesson.slug })} · ${t("app.name")}`,
    lesson: {
      id: lesson.id,
      slug: lesson.slug,
      position: lesson.position,
      courseTitle: lesson.course.title,
      courseSlug: lesson.course.slug,
      title: latest?.title ?? lesson.slug,
    },
    latest: latest && { version: latest.version, publishedAt: latest.publishedAt },
    draftSavedAt: lesson.draft?.updatedAt ?? null,
    source,
    preview,
  };
}

type ActionResult = { intent: string; source: string; problems: MdxProblem[]; html: string | null; message: string | null };

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const lesson = await findLesson(args.params.lessonId);
  const now = new Date();
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const source = normalizeSource(form.get("source"));
  const reply = (r: Omit<ActionResult, "intent">, status = 200) => data<ActionResult>({ intent, ...r }, { status });
  if (source === null)
    return reply({ source: "", problems: [], html: null, message: t("trainer.editor.tooLong", { max: MAX_SOURCE_CHARS }) }, 400);

  if (intent === "preview") {
    const preview = await previewLesson(source, now);
    return reply({ source, ...preview, message: null });
  }
  if (intent === "save") {
    await saveDraft(lesson.id, source, user.personId, now);
    return redirectWithFlash(`/trainer/lessons/${lesson.id}`, "trainer.editor.saved");
  }
  if (intent === "publish") {
    const latest = lesson.versions[0];
    if (latest && latest.source === source) {
      return reply({ source, problems: [], html: null, message: t("trainer.editor.unchanged", { version: latest.version }) }, 400);
    }
    const result = await publishLesson(lesson.id, source, user.personId, now);
    if (!result.ok) {
      const problems = result.reasons ?? [];
      return reply({ source, problems, html: null, message: t("trainer.editor.notPublished", { count: problems.length }) }, 400);
    }
    return redirectWithFlash(`/trainer/lessons/${lesson.id}`, "trainer.editor.published", { version: result.value.version.version });
  }
  return reply({ source, problems: [], html: null, message: t("trainer.editor.invalid") }, 400);
}

const PREVIEW_DELAY_MS = 400;

export default function LessonEditor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { lesson, latest } = loaderData;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST" ? String(navigation.formData?.get("intent") ?? "") : null;
  const fetcher = useFetcher<PreviewResult>();
  const previewAction = `/trainer/lessons/${lesson.id}/preview`;

  // What the preview pane shows: the newest of the page's own preview (loader,
  // a no-JS "Xem trước" or a refused publish) and the live preview fetched while
  // typing. The last good HTML stays on screen while the text has problems.
  const fromAction = (a: typeof actionData): PreviewResult | null =>
    a && (a.intent === "preview" || a.problems.length > 0) ? { problems: a.problems, html: a.html } : null;
  const [shown, setShown] = useState<PreviewResult | null>(
    () => fromAction(actionData) ?? (loaderData.preview === null ? null : { problems: [], html: loaderData.preview }),
  );
  const [lastHtml, setLastHtml] = useState<string | null>(() => shown?.html ?? loaderData.preview);
  const show = (next: PreviewResult | null) => {
    if (!next) return;
    setShown(next);
    if (next.html !== null) setLastHtml(next.html);
  };
  const [seenAction, setSeenAction] = useState(actionData);
  if (seenAction !== actionData) {
    setSeenAction(actionData);
    show(fromAction(actionData));
  }
  const [seenFetch, setSeenFetch] = useState(fetcher.data);
  if (seenFetch !== fetcher.data) {
    setSeenFetch(fetcher.data);
    show(fetcher.data ?? null);
  }

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const submitPreview = fetcher.submit;
  const requestPreview = (source: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void submitPreview({ source }, { method: "post", action: previewAction, defaultShouldRevalidate: false });
    }, PREVIEW_DELAY_MS);
  };
  const live = useHydrated();
  // A draft that differs from the published version has no preview yet: fetch one once the page is live.
  const initialPreview = useRef(shown === null);
  useEffect(() => {
    if (!initialPreview.current || !textarea.current) return;
    initialPreview.current = false; // once, on mount
    void submitPreview({ source: textarea.current.value }, { method: "post", action: previewAction, defaultShouldRevalidate: false });
  }, [submitPreview, previewAction]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const [caret, setCaret] = useState<{ line: number; column: number } | null>(null);
  const goToLine = (line: number) => {
    const el = textarea.current;
    if (!el) return;
    const { start, end } = lineRange(el.value, line);
    el.focus();
    el.setSelectionRange(start, end);
    setCaret(positionAt(el.value, start));
    el.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(el).lineHeight || "20"));
  };

  const problems = shown?.problems ?? [];
  const failedPublish = actionData?.intent === "publish" && actionData.problems.length > 0;
  return (
    <div className="stack">
      <p className="no-print spread">
        <Link to="/trainer">{t("trainer.editor.back")}</Link>
        <Link to={`/trainer/lessons/${lesson.id}/history`}>{t("trainer.editor.historyLink")}</Link>
      </p>
      <h1>{t("trainer.editor.title", { title: lesson.title })}</h1>
      <p className="muted">
        {t("trainer.editor.courseLine", { course: lesson.courseTitle, position: lesson.position, slug: lesson.slug })}
        <br />
        {latest
          ? t("trainer.editor.latest", { version: latest.version, date: formatDate(latest.publishedAt) })
          : t("trainer.editor.neverPublished")}
        {loaderData.draftSavedAt ? ` ${t("trainer.editor.draftInfo", { time: formatDateTime(loaderData.draftSavedAt) })}` : null}
      </p>
      {actionData?.message ? (
        <p role="alert" className="alert alert--error">
          {actionData.message}
        </p>
      ) : null}

      <Form method="post" className="editor" data-live={live ? "true" : undefined}>
        <div className="editor__source stack">
          <div className="field">
            <span>
              <label htmlFor="lesson-source">{t("trainer.editor.source")}</label>
            </span>
            <textarea
              ref={textarea}
              id="lesson-source"
              name="source"
              className="editor__textarea"
              rows={28}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              maxLength={MAX_SOURCE_CHARS}
              defaultValue={actionData?.source || loaderData.source}
              aria-describedby={problems.length > 0 ? "lesson-source-hint lesson-problems" : "lesson-source-hint"}
              aria-invalid={problems.length > 0 ? true : undefined}
              onChange={(e) => requestPreview(e.currentTarget.value)}
              onSelect={(e) => setCaret(positionAt(e.currentTarget.value, e.currentTarget.selectionStart))}
            />
            <small id="lesson-source-hint">{t("trainer.editor.sourceHint")}</small>
            {caret ? <small className="editor__caret muted">{t("trainer.editor.caret", caret)}</small> : null}
          </div>
          <div className="row">
            <button type="submit" name="intent" value="preview" className="button button--secondary" disabled={busy !== null}>
              {t("trainer.editor.previewButton")}
            </button>
            <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy !== null}>
              {busy === "save" ? t("trainer.editor.saving") : t("trainer.editor.save")}
            </button>
            <button type="submit" name="intent" value="publish" className="button" disabled={busy !== null}>
              {busy === "publish" ? t("trainer.editor.publishing") : t("trainer.editor.publish")}
            </button>
          </div>
        </div>
        <section className="editor__preview card" aria-labelledby="preview-h" aria-busy={fetcher.state !== "idle"}>
          <div className="spread">
            <h2 id="preview-h">{t("trainer.editor.previewHeading")}</h2>
            {fetcher.state !== "idle" ? <span className="muted">{t("trainer.editor.previewUpdating")}</span> : null}
          </div>
          <p className="muted editor__preview-note">{t("trainer.editor.previewNote")}</p>
          {/* Beside the text on wide screens (the pane stays in view), under the buttons on phones. */}
          <div role={failedPublish ? "alert" : "status"} className="editor__problems">
            <ProblemList id="lesson-problems" problems={problems} onGoToLine={live ? goToLine : undefined} />
          </div>
          {shown !== null && shown.html === null ? <p className="empty">{t("trainer.editor.previewBlocked")}</p> : null}
          {lastHtml === null ? (
            shown === null ? (
              <p className="empty">{t("trainer.editor.previewStale")}</p>
            ) : null
          ) : (
            // Server-rendered from checked MDX (no scripts, no raw HTML): the same markup learners get.
            <div
              className={`lesson-body editor__preview-body${shown?.html === null ? " editor__preview-body--stale" : ""}`}
              data-testid="lesson-preview"
              dangerouslySetInnerHTML={{ __html: lastHtml }}
            />
          )}
        </section>
      </Form>
      <MdxReference />
    </div>
  );
}
