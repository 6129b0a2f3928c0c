// /api/v1 answered by its route modules' own loaders and actions, called
// directly, ahead of React Router's request pipeline (decision 069): the same
// code, tokens, errors and audit entries, without the framework's per-request
// work (route matching, middleware, the static handler), which cost more CPU
// than the API's own. The headers, request ids, guard and compression of
// server/app.ts's earlier middleware apply as before; so does the 503 while the
// database is away. Anything this does not take falls through to React Router:
// a request with a cookie (the root middleware reads the session and the flash
// message from it), a `.data` request, `index`/`_routes` query parameters
// (React Router strips them first), other methods, and any path whose deepest
// route is not an API resource route (api.v1.$.tsx answers the JSON 404).
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type pg from "pg";
import type { ServerBuild } from "react-router";
import type { RequestInfo } from "../app/utils/context.server.ts";
import { databaseReachable, unavailableAnswer } from "./health.ts";
import { fetchRequest, send } from "./react-router.ts";
import { routeMatcher, type RouteMatch } from "./route-match.ts";

const API_ROUTE = "routes/api.v1/";
const LOADER_METHODS = new Set(["GET", "HEAD"]);
const ACTION_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type DataArgs = { request: Request; params: RouteMatch["params"]; context: unknown; url: URL; pattern: string };
type DataFunction = (args: DataArgs) => unknown;
type RouteModule = { loader?: DataFunction; action?: DataFunction; default?: unknown; ErrorBoundary?: unknown; middleware?: unknown };
type HandleError = (error: unknown, args: { request: Request; params: RouteMatch["params"]; context: unknown }) => void;

/** `health`: server/app.ts's probe pool, asked whether a 500 is an outage (then 503, as for pages). */
export function apiRoutes(build: ServerBuild, health: pg.Pool) {
  const match = routeMatcher(build);
  const createLoadContext = (build.entry.module as { createLoadContext?: (info: RequestInfo) => unknown }).createLoadContext;
  if (!createLoadContext) throw new Error("the build's entry.server lacks createLoadContext");
  const handleError = (build.entry.module as { handleError?: HandleError }).handleError ?? ((error) => console.error(error));
  const moduleOf = (m: RouteMatch) => build.routes[m.route.id]?.module as RouteModule | undefined;

  /** The loader or action that answers this request, as React Router would pick it, or null to leave it to React Router. */
  function handlerFor(req: ExpressRequest) {
    const loads = LOADER_METHODS.has(req.method);
    if (!req.path.startsWith("/api/") || req.path.endsWith(".data") || req.get("cookie") !== undefined) return null;
    if (!loads && !ACTION_METHODS.has(req.method)) return null;
    const url = new URL(req.originalUrl, "http://localhost");
    if (url.searchParams.has("index") || url.searchParams.has("_routes")) return null;
    const matches = match(url.pathname);
    const last = matches?.[matches.length - 1];
    if (!matches || !last?.route.id.startsWith(API_ROUTE)) return null;
    // Only the root's middleware (session and flash, which need a cookie) may be skipped.
    if (matches.slice(1).some((m) => moduleOf(m)?.middleware)) return null;
    const module = moduleOf(last);
    const fn = loads ? module?.loader : module?.action;
    if (!module || module.default || module.ErrorBoundary || !fn) return null;
    const pattern = `/${matches
      .map((m) => build.routes[m.route.id]?.path)
      .filter(Boolean)
      .join("/")}`;
    return { fn, params: last.params, pattern };
  }

  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const handler = handlerFor(req);
    if (!handler) return next();
    try {
      const request = fetchRequest(req, res);
      const context = createLoadContext({ nonce: res.locals.nonce, requestId: res.locals.requestId, ip: req.ip ?? "unknown" });
      const { params } = handler;
      let response: Response;
      try {
        response = answer(await handler.fn({ request, params, context, url: new URL(request.url), pattern: handler.pattern }));
      } catch (error) {
        // As React Router answers a resource route that throws.
        if (error instanceof Response) response = error;
        else {
          handleError(error, { request, params, context });
          response = lastResort(error);
        }
      }
      if (response.status === 500 && !res.destroyed && !(await databaseReachable(health))) {
        await response.body?.cancel();
        response = unavailableAnswer(req);
      }
      if (req.method === "HEAD") {
        await response.body?.cancel();
        response = new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
      }
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** A loader's or action's value as React Router turns it into a response. */
function answer(result: unknown): Response {
  if (result instanceof Response) return result;
  if (typeof result === "string") return new Response(result);
  return Response.json(result);
}

function lastResort(error: unknown) {
  const production = !["development", "test"].includes(process.env.NODE_ENV ?? "");
  const message = `Unexpected Server Error${production ? "" : `\n\n${String(error)}`}`;
  return new Response(message, { status: 500, headers: { "Content-Type": "text/plain" } });
}
