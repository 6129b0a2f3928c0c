import type { Route } from "./+types/api.v1.$";
import { ApiError, apiHandler } from "~/services/api/http.server.ts";

// Any other /api/v1 address: a JSON 404, not the HTML error page.
function notFound({ request }: { request: Request }) {
  return apiHandler(request, async () => {
    throw new ApiError(404, "NOT_FOUND", { key: "api.error.noEndpoint" });
  });
}

export async function loader(args: Route.LoaderArgs) {
  return notFound(args);
}

export async function action(args: Route.ActionArgs) {
  return notFound(args);
}
