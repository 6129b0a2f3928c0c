import type { Route } from "./+types/trainer.questions.export[.]gift";
import { courseById } from "~/services/content/authoring.server.ts";
import { exportGiftAudited } from "~/services/exams/gift-import.server.ts";
import { notFound, requireFound, requireScope } from "~/utils/auth.server.ts";
import { idSchema } from "~/utils/ids.ts";
import { dayOf } from "~/domain/time/calendar.ts";

// GET /trainer/questions/export.gift?course= — the latest version of every
// question in use (of one course, or all) as a GIFT file for Moodle. Exam
// questions leaving the system is recorded in the audit log.
export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "content:write");
  const raw = new URL(args.request.url).searchParams.get("course") ?? "";
  const course = raw === "" ? null : requireFound(await courseById(idSchema.safeParse(raw).data ?? notFound()), () => true);
  const now = new Date();
  const text = await exportGiftAudited(course, user.personId, now);
  const filename = `cau-hoi-${course?.slug ?? "tat-ca"}-${dayOf(now).replaceAll("-", "")}.gift`;
  return new Response(text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
