// The exam page's autosave (POST /exams/:attemptId/answers) from the build's
// saveExamAnswers, ahead of React Router (decision 082). The security headers,
// the Origin check and the request guard (size, NUL, forms only; the body is in
// res.locals.body) of server/app.ts have run. An error while the database is
// away or overloaded is a 503, as for pages; any other is server/app.ts's 500.
import type { RequestHandler } from "express";
import type pg from "pg";
import type { ServerBuild } from "react-router";
import { databaseReachable, unavailableAnswer } from "./health.ts";
import { send } from "./react-router.ts";

type SaveExamAnswers = typeof import("../app/services/exams/exam-answers.server.ts").saveExamAnswers;
type IsOverloaded = typeof import("../app/utils/db.server.ts").isDatabaseOverloaded;

export function examAnswersHandler(build: ServerBuild, health: pg.Pool): RequestHandler {
  const { saveExamAnswers, isDatabaseOverloaded } = build.entry.module as {
    saveExamAnswers?: SaveExamAnswers;
    isDatabaseOverloaded?: IsOverloaded;
  };
  if (!saveExamAnswers || !isDatabaseOverloaded) throw new Error("the build's entry.server lacks saveExamAnswers or isDatabaseOverloaded");
  return async (req, res, next) => {
    try {
      const body = (res.locals.body as Buffer | undefined)?.toString("utf8") ?? "";
      const reply = await saveExamAnswers({
        cookie: req.get("cookie"),
        attemptId: (req.params as { attemptId: string }).attemptId,
        form: new URLSearchParams(body),
        now: new Date(),
      });
      if (reply.setCookie) res.append("Set-Cookie", reply.setCookie);
      res.status(reply.status).set("Cache-Control", "no-store").json(reply.body);
    } catch (error) {
      if (isDatabaseOverloaded(error) || !(await databaseReachable(health))) return send(res, unavailableAnswer(req));
      next(error);
    }
  };
}
