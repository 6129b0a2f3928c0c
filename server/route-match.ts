// The build's routes matched against a path, as React Router matches them (the
// same tree, so the same ranking), for the HTTP layer: the API's plain handlers
// (server/api-handler.ts) and the metrics' route label (server/metrics.ts).
// React Router's public matchRoutes flattens and ranks the whole tree on every
// call (a tenth of an API request's CPU time): answers are kept per path.
import { matchRoutes, type RouteObject, type ServerBuild } from "react-router";

/** Paths remembered; the set starts over when full (ids in paths make it unbounded). */
const REMEMBERED_PATHS = 1000;
const LONGEST_REMEMBERED = 256;

export type RouteMatch = { params: Record<string, string | undefined>; pathname: string; route: { id: string } };

export function routeMatcher(build: ServerBuild) {
  const children = new Map<string | undefined, string[]>();
  for (const r of Object.values(build.routes)) if (r) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const tree = (parent: string | undefined): RouteObject[] =>
    (children.get(parent) ?? []).map((id): RouteObject => {
      const r = build.routes[id]!;
      return r.index ? { id, index: true, path: r.path } : { id, path: r.path, caseSensitive: r.caseSensitive, children: tree(id) };
    });
  const routes = tree(undefined);
  // A pure function of the build and the path: a cache, never state.
  const known = new Map<string, RouteMatch[] | null>();
  return (pathname: string): RouteMatch[] | null => {
    const hit = known.get(pathname);
    if (hit !== undefined) return hit;
    const matches = (matchRoutes(routes, pathname) as RouteMatch[] | null) ?? null;
    if (pathname.length > LONGEST_REMEMBERED) return matches;
    if (known.size >= REMEMBERED_PATHS) known.clear();
    known.set(pathname, matches);
    return matches;
  };
}
