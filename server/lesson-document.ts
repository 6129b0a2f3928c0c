// The lesson page's document (GET /learn/:course/:lesson, not `.data`) from the
// build's lessonDocument, ahead of React Router (decision 070): null from it,
// or any error, hands the request on to React Router, which answers as before.
import type { RequestHandler } from "express";
import { createRequestHandler, type ServerBuild } from "react-router";
import type { TemplateRender } from "../app/utils/context.server.ts";
import { fetchRequest } from "./react-router.ts";

type LessonDocument = typeof import("../app/services/content/lesson-document.server.ts").lessonDocument;

export function lessonDocumentHandler(
  build: ServerBuild,
  loadContext: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], template?: TemplateRender) => unknown,
): RequestHandler {
  const lessonDocument = (build.entry.module as { lessonDocument?: LessonDocument }).lessonDocument;
  if (!lessonDocument) throw new Error("the build's entry.server lacks lessonDocument");
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  return async (req, res, next) => {
    if (req.method !== "GET" || req.path.endsWith(".data") || req.originalUrl.includes("?")) return next();
    let page: Awaited<ReturnType<LessonDocument>> = null;
    try {
      const { course, lesson } = req.params as { course: string; lesson: string };
      page = await lessonDocument(
        { cookie: req.get("cookie"), course, lesson, path: req.path, nonce: res.locals.nonce as string },
        (template) => handle(fetchRequest(req, res), loadContext(req, res, template) as never),
      );
    } catch {
      // React Router meets the same error and answers it (a 503 while the database is away).
    }
    if (page === null) return next();
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Length", Buffer.byteLength(page.body));
    res.setHeader("Server-Timing", page.serverTiming);
    res.end(page.body);
  };
}
