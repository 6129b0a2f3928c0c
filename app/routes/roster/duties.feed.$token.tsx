// A person's iCalendar feed (decision 065), read by calendar apps without a
// session: the secret token in the URL is the only key. Unknown, malformed and
// revoked tokens all answer 404, alike.
import type { Route } from "./+types/duties.feed.$token";
import { calendarForToken } from "~/services/roster/duty-feed.server.ts";

export async function loader({ params }: Route.LoaderArgs) {
  const body = await calendarForToken(params.token ?? "", new Date());
  if (body === null) return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="lich-truc-kt1.ics"',
      // Personal data behind a secret URL: never kept by shared caches; calendars ask again.
      "Cache-Control": "private, no-cache",
      "Referrer-Policy": "no-referrer",
    },
  });
}
