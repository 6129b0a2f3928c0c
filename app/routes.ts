import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// File routes grouped by area: app/routes/<area>/ holds that area's route modules,
// named by URL as flat routes are (learn.$course.$lesson.tsx → /learn/:course/:lesson).
// A route module's own pieces may sit beside it in app/routes/<area>/components/.
const AREAS = ["account", "learn", "exams", "trainer", "people", "roster", "dashboard", "audit", "admin", "api.v1"];

const areas = await Promise.all(AREAS.map((area) => flatRoutes({ rootDirectory: `routes/${area}`, ignoredRouteFiles: ["components/**"] })));
export default areas.flat() satisfies RouteConfig;
