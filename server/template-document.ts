// Documents served ahead of React Router from a template (decisions 070 and
// 083): GET of a page (not `.data`, no query string), answered by one of the
// build's document functions (lessonDocument, examDocument). Null from it, or
// any error, hands the request on to React Router, which answers as before.
import type { RequestHandler } from "express";
import { createRequestHandler, type ServerBuild } from "react-router";
import type { TemplateRender } from "../app/utils/context.server.ts";
import type { DocumentRequest } from "../app/services/document-template.server.ts";
import { fetchRequest } from "./react-router.ts";

type DocumentFunction = (
  req: DocumentRequest<Record<string, string>>,
  renderTemplate: (template: TemplateRender) => Promise<Response>,
) => Promise<{ body: string; serverTiming?: string; cacheControl?: string } | null>;

export function templateDocumentHandler(
  build: ServerBuild,
  name: "lessonDocument" | "examDocument",
  loadContext: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], template?: TemplateRender) => unknown,
): RequestHandler {
  const document = (build.entry.module as unknown as Record<string, DocumentFunction | undefined>)[name];
  if (!document) throw new Error(`the build's entry.server lacks ${name}`);
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  return async (req, res, next) => {
    if (req.method !== "GET" || req.path.endsWith(".data") || req.originalUrl.includes("?")) return next();
    let page: Awaited<ReturnType<DocumentFunction>> = null;
    try {
      page = await document(
        { cookie: req.get("cookie"), params: req.params as Record<string, string>, path: req.path, nonce: res.locals.nonce as string },
        (template) => handle(fetchRequest(req, res), loadContext(req, res, template) as never),
      );
    } catch {
      // React Router meets the same error and answers it (a 503 while the database is away).
    }
    if (page === null) return next();
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Length", Buffer.byteLength(page.body));
    // As the route's own headers (the exam page: no-store).
    if (page.cacheControl) res.setHeader("Cache-Control", page.cacheControl);
    if (page.serverTiming) res.setHeader("Server-Timing", page.serverTiming);
    res.end(page.body);
  };
}
