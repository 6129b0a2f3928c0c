import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/roster.stations.$stationId";
import { DateField } from "~/components/date-field.tsx";
import { CopyResult } from "~/components/roster/copy-result.tsx";
import { DayLabel, FillBadge, ShiftTime } from "~/components/roster/roster-bits.tsx";
import { can } from "~/domain/access/permissions.ts";
import { currentMonday, mondayOf, parseWeek, weekDays } from "~/domain/roster/week.ts";
import { addDays, dayOf } from "~/domain/time/calendar.ts";
import { copyPreviousWeek, type CopyOutcome } from "~/services/roster/copy-week.server.ts";
import { shiftCreateSchema } from "~/services/roster/forms.ts";
import { addShift, weekRoster } from "~/services/roster/shifts.server.ts";
import { dutyTypeOptions, requireStation } from "~/services/roster/stations.server.ts";
import { requireId, requireUser } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDay } from "~/utils/format.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.station.name ?? "Lịch trực"} · Lịch trực KT1` }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const station = await requireStation(user.grants, "roster:read", requireId(args.params.stationId));
  const url = new URL(args.request.url);
  const now = new Date();
  const asked = url.searchParams.get("week");
  const monday = parseWeek(asked) ?? currentMonday(now);
  // One address per week: any day of it (or nonsense) goes to its Monday.
  if (asked !== null && asked !== monday) throw redirect(`/roster/stations/${station.id}?week=${monday}`);
  const [shifts, dutyTypes] = await Promise.all([weekRoster(station.id, monday), dutyTypeOptions()]);
  const today = dayOf(now);
  return {
    station: { id: station.id, code: station.code, name: station.name, unitName: station.unitName },
    monday,
    today,
    days: weekDays(monday).map((day) => ({
      day,
      shifts: shifts.filter((s) => s.day === day).map((s) => ({ ...s, past: s.endsAt <= now })),
    })),
    dutyTypes,
    canAssign: can(user.grants, "roster:assign", station.unitPath),
    defaultDay: today >= monday && today <= addDays(monday, 6) ? today : monday,
  };
}

type CopyData = { intent: "copy"; copy: CopyOutcome };
type CreateData = { intent: "create"; errors: Record<string, string>; values: Record<string, string> };

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const station = await requireStation(user.grants, "roster:assign", requireId(args.params.stationId));
  const t = serverT(args);
  const now = new Date();
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "copy") {
    const monday = parseWeek(String(form.get("week") ?? ""));
    if (!monday)
      return data<CopyData | CreateData>({ intent: "create", errors: { _form: t("roster.error.invalid") }, values: {} }, { status: 400 });
    const copy = await copyPreviousWeek(user, station, monday, now);
    return data<CopyData | CreateData>({ intent: "copy", copy });
  }

  const values = formValues(form);
  const fail = (errors: Record<string, string>) =>
    data<CopyData | CreateData>({ intent: "create", errors: translateErrors(errors, t), values }, { status: 400 });
  if (intent !== "create") return fail({ _form: "roster.error.invalid" });
  const parsed = parseForm(form, shiftCreateSchema);
  if (!parsed.ok) return fail(parsed.errors);
  const added = await addShift(user, station, parsed.data, now);
  if (!added.ok) return fail(added.code === "UNKNOWN_DUTY_TYPE" ? { dutyTypeId: "roster.error.duty" } : { day: "roster.error.past" });
  return redirectWithFlash(`/roster/stations/${station.id}?week=${mondayOf(parsed.data.day)}`, "roster.shift.created");
}

export default function StationWeek({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { station, monday, days, dutyTypes, today } = loaderData;
  const week = (d: string) => `/roster/stations/${station.id}?week=${d}`;
  const created = actionData?.intent === "create" ? actionData : undefined;
  const errors = created?.errors ?? {};
  const values = created?.values ?? {};
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const described = (name: string, hint?: string) =>
    [errors[name] ? `${name}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;

  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/roster">{t("roster.back")}</Link>
      </p>
      <h1>{station.name}</h1>
      <p className="lead">
        {t("roster.week.title", { from: formatDay(monday), to: formatDay(addDays(monday, 6)) })}
        <span className="muted"> · {station.code}</span>
      </p>
      <nav className="roster-weeknav" aria-label={t("roster.week.nav")}>
        <Link to={week(addDays(monday, -7))} rel="prev">
          {t("roster.week.prev")}
        </Link>
        <Link to={`/roster/stations/${station.id}`}>{t("roster.week.current")}</Link>
        <Link to={week(addDays(monday, 7))} rel="next">
          {t("roster.week.next")}
        </Link>
      </nav>
      {actionData?.intent === "copy" ? <CopyResult copy={actionData.copy} /> : null}

      <div className="roster-week">
        {days.map(({ day, shifts }) => (
          <section key={day} className={`card roster-day${day === today ? " roster-day--today" : ""}`} aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>
              <DayLabel day={day} />
              {day === today ? <span className="badge badge--muted"> {t("roster.today")}</span> : null}
            </h2>
            {shifts.length === 0 ? (
              <p className="empty">{t("roster.week.noShifts")}</p>
            ) : (
              <ul className="roster-shifts">
                {shifts.map((s) => (
                  <li
                    key={s.id}
                    className={`roster-shift${s.past ? " roster-shift--past" : s.people.length < s.headcount ? " roster-shift--short" : ""}`}
                  >
                    <p className="roster-shift__head">
                      <strong>
                        <ShiftTime startsAt={s.startsAt} endsAt={s.endsAt} />
                      </strong>{" "}
                      {s.duty}
                    </p>
                    <FillBadge active={s.people.length} headcount={s.headcount} past={s.past} />
                    {s.people.length ? (
                      <ul className="roster-names">
                        {s.people.map((p) => (
                          <li key={p.id}>{p.name}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted">
                        <small>{t("roster.shift.nobody")}</small>
                      </p>
                    )}
                    <Link to={`/roster/shifts/${s.id}`}>
                      {loaderData.canAssign && !s.past ? t("roster.shift.assign") : t("roster.shift.open")}
                      {/* The visible words start the link's name (WCAG 2.5.3); the rest says which shift. */}
                      <span className="visually-hidden">: {t("roster.shift.openLabel", { duty: s.duty, day: formatDay(day) })}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>

      {loaderData.canAssign ? (
        <div className="roster-forms">
          <section className="card stack" aria-labelledby="add-h">
            <h2 id="add-h">{t("roster.shift.add")}</h2>
            {errors._form ? (
              <p role="alert" className="alert alert--error">
                {errors._form}
              </p>
            ) : Object.keys(errors).length ? (
              <p role="alert" className="alert alert--error">
                {t("form.errors")}
              </p>
            ) : null}
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="create" />
              <div className="row roster-form-row">
                <DateField
                  id="day"
                  name="day"
                  label={t("roster.shift.day")}
                  required
                  defaultValue={values.day ?? loaderData.defaultDay}
                  error={errors.day}
                />
                <label className="field">
                  <span>{t("roster.shift.start")}</span>
                  <input
                    type="time"
                    name="start"
                    required
                    defaultValue={values.start ?? "07:00"}
                    aria-invalid={errors.start ? true : undefined}
                    aria-describedby={described("start")}
                  />
                  {err("start")}
                </label>
                <label className="field">
                  <span>{t("roster.shift.end")}</span>
                  <input
                    type="time"
                    name="end"
                    required
                    defaultValue={values.end ?? "11:30"}
                    aria-invalid={errors.end ? true : undefined}
                    aria-describedby={described("end", "end-hint")}
                  />
                  <small id="end-hint">{t("roster.shift.endHint")}</small>
                  {err("end")}
                </label>
              </div>
              <div className="row roster-form-row">
                <label className="field">
                  <span>{t("roster.shift.duty")}</span>
                  <select
                    name="dutyTypeId"
                    required
                    defaultValue={values.dutyTypeId ?? ""}
                    aria-invalid={errors.dutyTypeId ? true : undefined}
                    aria-describedby={described("dutyTypeId")}
                  >
                    <option value="" disabled>
                      {t("roster.shift.dutyChoose")}
                    </option>
                    {dutyTypes.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                  {err("dutyTypeId")}
                </label>
                <label className="field">
                  <span>{t("roster.shift.headcount")}</span>
                  <input
                    type="number"
                    name="headcount"
                    min={1}
                    max={100}
                    step={1}
                    inputMode="numeric"
                    required
                    defaultValue={values.headcount ?? "1"}
                    aria-invalid={errors.headcount ? true : undefined}
                    aria-describedby={described("headcount")}
                  />
                  {err("headcount")}
                </label>
              </div>
              <p>
                <button type="submit" className="button" disabled={busy}>
                  {t("roster.shift.addSubmit")}
                </button>
              </p>
            </Form>
          </section>

          <section className="card stack" aria-labelledby="copy-h">
            <h2 id="copy-h">{t("roster.copy.title")}</h2>
            <p>{t("roster.copy.intro", { from: formatDay(addDays(monday, -7)), to: formatDay(addDays(monday, -1)) })}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="copy" />
              <input type="hidden" name="week" value={monday} />
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t("roster.copy.submit")}
              </button>
            </Form>
          </section>
        </div>
      ) : null}
    </div>
  );
}
