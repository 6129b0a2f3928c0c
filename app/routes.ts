import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// File-based routes (app/routes/*): one module per URL, grouped by area prefix.
export default flatRoutes() satisfies RouteConfig;
