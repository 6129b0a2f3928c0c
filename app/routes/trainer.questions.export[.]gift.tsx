import type { Route } from "./+types/trainer.questions.export[.]gift";
import { appendAudit } from "~/services/audit.server.ts";
import { exportGift } from "~/services/exams/gift-import.server.ts";
import { notFound, requireScope } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";

// GET /trainer/questions/export.gift?course= — the latest version of every
// question in use (of one course, or all) as a GIFT file for Moodle. Exam
// questions leaving the system is recorded in the audit log.
export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "content:write");
  const raw = new URL(args.request.url).searchParams.get("course") ?? "";
  let course: { id: number; slug: string } | null = null;
  if (raw !== "") {
    if (!/^\d{1,9}$/.test(raw)) notFound();
    course = await getDb().course.findUnique({ where: { id: Number(raw) }, select: { id: true, slug: true } });
    if (!course) notFound();
  }
  const now = new Date();
  const text = await exportGift(course?.id ?? null);
  await getDb().$transaction((tx) =>
    appendAudit(tx, { actorId: user.personId, action: "questions.export", targetType: course ? "course" : null, targetId: course?.id ?? null, data: { format: "gift", course: course?.slug ?? null } }, now),
  );
  const filename = `cau-hoi-${course?.slug ?? "tat-ca"}-${dayOf(now).replaceAll("-", "")}.gift`;
  return new Response(text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
