import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/trainer.sessions.new";
import { Field, FormAlert, useBusy } from "~/components/people/form-field.tsx";
import { MAX_ATTENDEES, type LineProblem } from "~/domain/exams/attendance-lines.ts";
import type { MessageKey, Translate } from "~/i18n/index.ts";
import { checkAttendance, recordTrainingSession, sessionTypes } from "~/services/exams/training-sessions.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { dayOf, isDay } from "~/domain/time/calendar.ts";
import { normalizeTypedDay, TYPED_DAY_ERROR } from "~/domain/time/typed-day.ts";
import { DateInput } from "~/components/date-field.tsx";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { idSchema, parseId } from "~/utils/ids.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

const k = (key: MessageKey) => key;

function sessionSchema(today: string) {
  return z.object({
    certificationTypeId: z
      .string({ error: k("training.error.type") })
      .refine((s) => parseId(s) !== null, k("training.error.type"))
      .pipe(idSchema),
    heldOn: z.preprocess(
      normalizeTypedDay,
      z
        .string({ error: k("training.error.date") })
        .trim()
        .refine((s) => isDay(s) && s >= "2000-01-01", k(TYPED_DAY_ERROR))
        .refine((s) => s <= today, k("training.error.futureDate")),
    ),
    place: z
      .string({ error: k("training.error.place") })
      .trim()
      .min(1, k("training.error.place"))
      .max(200, k("training.error.place")),
    attendance: z.string().default(""),
  });
}

function lineMessage(t: Translate, p: LineProblem): string {
  switch (p.reason) {
    case "score":
      return t("training.line.score", { score: p.score });
    case "duplicate":
      return t("training.line.duplicate", { code: p.code, line: p.first });
    case "unknown":
      return t("training.line.unknown", { code: p.code });
    case "self":
      return t("training.line.self", { code: p.code });
    case "left":
      return t("training.line.left", { code: p.code, name: p.name });
    default:
      return t(`training.line.${p.reason}`);
  }
}

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "training:record");
  const t = serverT(args);
  return {
    pageTitle: `${t("training.new")} · ${t("app.name")}`,
    // Each with its exam's pass mark: shown, never taken from the form.
    types: await sessionTypes(),
    today: dayOf(new Date()),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, scope } = requireScope(args, "training:record");
  const t = serverT(args);
  const now = new Date();
  const form = await args.request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  const parsed = parseForm(form, sessionSchema(dayOf(now)));
  const errors: Record<string, string> = parsed.ok
    ? {}
    : Object.fromEntries(Object.entries(parsed.errors).map(([f, key]) => [f, t(key as MessageKey)]));
  if (parsed.ok && !(await sessionTypes()).some((type) => type.id === parsed.data.certificationTypeId)) {
    errors.certificationTypeId = t("training.error.type");
  }
  const text = values.attendance ?? "";
  // About 40 characters a line is plenty; anything longer is not an attendance list.
  const tooLong = text.length > MAX_ATTENDEES * 40;
  const { attendees, problems } = tooLong ? { attendees: [], problems: [] } : await checkAttendance(text, scope, user.personId);
  if (attendees.length === 0 && problems.length === 0) errors.attendance = t("training.error.noLines");
  if (tooLong || attendees.length + problems.length > MAX_ATTENDEES)
    errors.attendance = t("training.error.tooMany", { max: MAX_ATTENDEES });
  const fail = (lineProblems: LineProblem[]) =>
    data(
      { errors, problems: lineProblems.map((p) => ({ line: p.line, raw: p.raw, message: lineMessage(t, p) })), values },
      { status: 400 },
    );
  if (!parsed.ok || Object.keys(errors).length > 0 || problems.length > 0) return fail(problems);

  const result = await recordTrainingSession(
    { ...parsed.data, attendance: text },
    { personId: user.personId, unitId: user.unitId, scope },
    now,
  );
  if (!result.ok) {
    const lineProblems = result.code === "LINES" ? (result.reasons ?? []) : [];
    if (result.code === "TYPE") errors.certificationTypeId = t("training.error.type");
    else if (lineProblems.length === 0) errors.attendance = t("training.error.noLines");
    return fail(lineProblems);
  }
  return redirectWithFlash(`/trainer/sessions/${result.value.sessionId}`, "training.detail.saved", { count: result.value.toCertify });
}

export default function NewTrainingSession({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("record");
  const errors = actionData?.errors;
  const values = actionData?.values;
  const problems = actionData?.problems ?? [];
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer/sessions">{t("training.backToList")}</Link>
      </p>
      <h1>{t("training.new")}</h1>
      <p className="lead">{t("training.intro")}</p>
      <Form method="post" className="card stack training-form" noValidate>
        {problems.length > 0 ? (
          <div role="alert" className="alert alert--error stack">
            <p>{t("training.form.problems", { count: problems.length })}</p>
            <div className="table-wrap">
              <table className="training-problems">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("training.form.line")}
                    </th>
                    <th scope="col">{t("training.form.content")}</th>
                    <th scope="col">{t("training.form.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p) => (
                    <tr key={p.line}>
                      <td className="num">{p.line}</td>
                      <td className="wrap-anywhere">
                        <code>{p.raw}</code>
                      </td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : (
          <FormAlert errors={errors} message={t("form.errors")} />
        )}
        <Field
          form="session"
          name="certificationTypeId"
          label={t("training.type")}
          error={errors?.certificationTypeId}
          hint={t("training.form.passFixed", {
            list: loaderData.types.map((type) => t("training.form.passOf", { name: type.name, pass: type.passPercent })).join("; "),
          })}
        >
          {(c) => (
            <select {...c} required defaultValue={values?.certificationTypeId ?? ""}>
              <option value="">{t("training.form.chooseType")}</option>
              {loaderData.types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="row">
          <Field form="session" name="heldOn" label={t("training.heldOn")} error={errors?.heldOn} hint={t("training.form.heldOnHint")}>
            {(c) => <DateInput {...c} required defaultValue={values?.heldOn ?? loaderData.today} />}
          </Field>
        </div>
        <Field form="session" name="place" label={t("training.place")} error={errors?.place} hint={t("training.form.placeHint")}>
          {(c) => <input {...c} type="text" required maxLength={200} defaultValue={values?.place ?? ""} />}
        </Field>
        <Field
          form="session"
          name="attendance"
          label={t("training.form.lines")}
          error={errors?.attendance}
          hint={t("training.form.linesHint")}
        >
          {(c) => (
            <textarea
              {...c}
              className="training-form__lines"
              rows={12}
              required
              spellCheck={false}
              autoCapitalize="characters"
              placeholder={t("training.form.placeholder")}
              defaultValue={values?.attendance ?? ""}
            />
          )}
        </Field>
        <div>
          <button type="submit" name="intent" value="record" className="button" disabled={busy}>
            {busy ? t("form.saving") : t("training.form.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
