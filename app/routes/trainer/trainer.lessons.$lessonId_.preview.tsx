import { data } from "react-router";
import type { Route } from "./+types/trainer.lessons.$lessonId_.preview";
import { lessonExists, normalizeSource, previewLesson, type PreviewResult } from "~/services/content/authoring.server.ts";
import { notFound, requireId, requireScope } from "~/utils/auth.server.ts";

// The editor's live preview (a resource route: POST only, no page). Checks the
// rules first; only text without problems is compiled and rendered, with the
// trainer notes shown. Compiling here is fine: it is authoring, not a page view.
export async function action(args: Route.ActionArgs) {
  requireScope(args, "content:write");
  if (!(await lessonExists(requireId(args.params.lessonId)))) notFound();
  const source = normalizeSource((await args.request.formData()).get("source"));
  if (source === null) return data<PreviewResult>({ problems: [], html: null }, { status: 400 });
  return previewLesson(source, new Date());
}

export function loader() {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
