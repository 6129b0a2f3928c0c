import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/roster.shifts.$shiftId";
import { DayLabel, FillBadge, ShiftTime } from "~/components/roster/roster-bits.tsx";
import { PairSection } from "~/components/roster/pair-section.tsx";
import { CandidateGroup, Refusal, type RefusedCandidate } from "~/components/roster/shift-candidates.tsx";
import { can, scopeOf } from "~/domain/access/permissions.ts";
import { mondayOf } from "~/domain/roster/week.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { assignToShift, CANCEL_REASON_MAX, CANCEL_REASON_MIN, cancelOnShift } from "~/services/roster/assignments.server.ts";
import { candidatesFor, getCandidate } from "~/services/roster/candidates.server.ts";
import { pairViewOf, setShiftUncovered, UNCOVERED_REASON_MAX, UNCOVERED_REASON_MIN } from "~/services/roster/pair.server.ts";
import { refusalAdvice } from "~/services/roster/refusal-advice.server.ts";
import { requireShift } from "~/services/roster/shifts.server.ts";
import { forbidden, notFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { parseId } from "~/utils/ids.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Phân công ca trực · Lịch trực KT1" }];

const PATH_KEYS = { PAGE: "roster.path.PAGE", API: "roster.path.API", COPY: "roster.path.COPY" } as const;

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "roster:read");
  const { shift, station } = await requireShift(user.grants, "roster:read", requireId(args.params.shiftId));
  const canAssign = can(user.grants, "roster:assign", station.unitPath);
  const url = new URL(args.request.url);
  const all = url.searchParams.get("all") === "1";
  const scope = scopeOf(user.grants, canAssign ? "roster:assign" : "roster:read");
  const [candidates, pair] = await Promise.all([candidatesFor(shift, all ? { scope } : { subtreeOf: station.unitId }), pairViewOf(shift)]);
  const active = shift.assignments.filter((a) => a.status === "ACTIVE");
  return {
    shift: {
      id: shift.id,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      day: dayOf(shift.startsAt),
      headcount: shift.headcount,
      duty: shift.dutyType.name,
      minExperienceMonths: shift.dutyType.minExperienceMonths,
      requiresCommitment: shift.dutyType.requiresCommitment,
      certifications: shift.dutyType.requiredCertifications.map((r) => r.certificationType.name),
      ended: shift.endsAt <= new Date(),
    },
    station: { id: station.id, name: station.name, code: station.code },
    active: active.map((a) => ({
      id: a.id,
      name: a.person.fullName,
      code: a.person.employeeCode,
      position: a.person.position,
      source: a.source,
      createdAt: a.createdAt,
    })),
    cancelled: shift.assignments
      .filter((a) => a.status === "CANCELLED")
      .map((a) => ({
        id: a.id,
        name: a.person.fullName,
        code: a.person.employeeCode,
        cancelledAt: a.cancelledAt,
        reason: a.cancelReason ?? "",
      })),
    ...candidates,
    pair,
    all,
    canAssign,
    week: mondayOf(dayOf(shift.startsAt)),
  };
}

type Refused = RefusedCandidate & { kind: "refused" };
type Problem = { kind: "problem"; message: string; assignmentId?: number };

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "roster:assign");
  const t = serverT(args);
  const { shift } = await requireShift(user.grants, "roster:assign", requireId(args.params.shiftId));
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = new Date();
  const problem = (message: string, status: number, assignmentId?: number) =>
    data<Refused | Problem>({ kind: "problem", message, assignmentId }, { status });
  const back = new URL(args.request.url).searchParams.get("all") === "1" ? "all=1" : "";
  const by = { personId: user.personId, apiTokenId: null, path: "PAGE" as const };

  if (intent === "assign") {
    const personId = parseId(form.get("personId"));
    const person = personId === null ? null : await getCandidate(personId);
    if (!person) return problem(t("roster.error.invalid"), 400);
    // Only people the manager answers for (the same scope the page lists).
    if (!can(user.grants, "roster:assign", person.unitPath)) forbidden();
    if (shift.endsAt <= now) return problem(t("roster.assign.ended"), 409);
    const result = await assignToShift(shift.id, person.id, by, now);
    if (result.ok)
      return redirectWithFlash(`/roster/shifts/${shift.id}${back ? `?${back}` : ""}`, "roster.assign.done", { name: person.fullName });
    if (result.code === "NOT_ELIGIBLE") {
      const reasons = await refusalAdvice(person.id, shift.dutyType, result.reasons ?? []);
      return data<Refused | Problem>(
        { kind: "refused", personId: person.id, name: person.fullName, code: person.employeeCode, reasons },
        { status: 422 },
      );
    }
    if (result.code === "SHIFT_FULL") return problem(t("roster.assign.full"), 409);
    if (result.code === "ALREADY_ASSIGNED") return problem(t("roster.assign.already"), 409);
    notFound();
  }

  if (intent === "cancel") {
    const assignmentId = parseId(form.get("assignmentId"));
    if (assignmentId === null) return problem(t("roster.error.invalid"), 400);
    const result = await cancelOnShift(shift.id, assignmentId, String(form.get("reason") ?? ""), by, now);
    if (!result.ok && result.code === "NOT_ON_SHIFT") return problem(t("roster.error.invalid"), 400);
    if (!result.ok && result.code === "NOT_ELIGIBLE") return problem(t("roster.reason.PAIR_WOULD_BREAK"), 409, assignmentId);
    if (!result.ok) return problem(t("roster.cancel.reasonError", { min: CANCEL_REASON_MIN, max: CANCEL_REASON_MAX }), 400, assignmentId);
    return redirectWithFlash(`/roster/shifts/${shift.id}${back ? `?${back}` : ""}`, "roster.cancel.done");
  }

  if (intent === "uncover" || intent === "cover") {
    const reason = intent === "uncover" ? String(form.get("reason") ?? "") : null;
    const result = await setShiftUncovered(shift.id, reason, { personId: user.personId }, now);
    if (result.ok)
      return redirectWithFlash(
        `/roster/shifts/${shift.id}${back ? `?${back}` : ""}`,
        reason === null ? "roster.pair.unmarked" : "roster.pair.marked",
      );
    if (result.code === "BAD_REASON")
      return problem(t("roster.pair.reasonError", { min: UNCOVERED_REASON_MIN, max: UNCOVERED_REASON_MAX }), 400);
    if (result.code === "PAIR_INCOMPLETE") return problem(t("roster.pair.unmarkRefused"), 409);
    return problem(t("roster.error.invalid"), 400);
  }

  return problem(t("roster.error.invalid"), 400);
}

export default function ShiftPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { shift, station, active, cancelled, eligible, ineligible, canAssign, all } = loaderData;
  const refused = actionData?.kind === "refused" ? actionData : null;
  // An ended shift takes no more people (the action refuses it too): no "Phân công" buttons on it.
  const cardProps = { shiftId: shift.id, canAssign: canAssign && !shift.ended, busy, all, refused };
  // Shown in the refused person's card; above the lists only when the card is not on the page.
  const refusedListed = refused !== null && [...eligible, ...ineligible].some((p) => p.id === refused.personId);
  const toggle = all ? `/roster/shifts/${shift.id}` : `/roster/shifts/${shift.id}?all=1`;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/roster/stations/${station.id}?week=${loaderData.week}`}>{t("roster.shift.backToWeek", { station: station.name })}</Link>
      </p>
      <h1>
        {shift.duty} · <ShiftTime startsAt={shift.startsAt} endsAt={shift.endsAt} />
      </h1>
      <p className="lead">
        <DayLabel day={shift.day} /> · {station.name}
      </p>
      <div className="row">
        <FillBadge active={active.length} headcount={shift.headcount} past={shift.ended} />
        {shift.ended ? <span className="badge badge--muted">{t("roster.shift.ended")}</span> : null}
      </div>
      <p className="muted">
        {t("roster.shift.requirements", { months: shift.minExperienceMonths })}
        {shift.certifications.length ? ` ${t("roster.shift.requiresCert", { names: shift.certifications.join(", ") })}` : ""}
        {shift.requiresCommitment ? ` ${t("roster.shift.requiresCommitment")}` : ""}
      </p>

      {loaderData.pair ? <PairSection pair={loaderData.pair} canAssign={canAssign} ended={shift.ended} busy={busy} /> : null}

      {refused && !refusedListed ? <Refusal refused={refused} /> : null}
      {actionData?.kind === "problem" ? (
        <p role="alert" className="alert alert--error">
          {actionData.message}
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="assigned-h">
        <h2 id="assigned-h">{t("roster.shift.assigned", { active: active.length, headcount: shift.headcount })}</h2>
        {active.length === 0 ? (
          <p className="empty">{t("roster.shift.nobody")}</p>
        ) : (
          <ul className="roster-list">
            {active.map((a) => (
              <li key={a.id} className="roster-person">
                <div className="roster-person__who">
                  <p>
                    <strong>{a.name}</strong> <span className="muted">({a.code})</span>
                  </p>
                  <p className="muted">
                    <small>
                      {a.position} · {t(PATH_KEYS[a.source])} · {formatDateTime(a.createdAt)}
                    </small>
                  </p>
                </div>
                {canAssign ? (
                  <Form method="post" className="roster-cancel">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="assignmentId" value={a.id} />
                    <label className="field">
                      <span>{t("roster.cancel.reason")}</span>
                      <input
                        type="text"
                        name="reason"
                        required
                        minLength={3}
                        maxLength={500}
                        autoComplete="off"
                        aria-label={t("roster.cancel.reasonLabel", { name: a.name })}
                      />
                    </label>
                    <button
                      type="submit"
                      className="button button--danger"
                      aria-label={t("roster.cancel.label", { name: a.name })}
                      disabled={busy}
                    >
                      {t("roster.cancel.button")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {cancelled.length ? (
          <details>
            <summary>{t("roster.shift.cancelledCount", { count: cancelled.length })}</summary>
            <ul className="roster-list">
              {cancelled.map((c) => (
                <li key={c.id} className="roster-person roster-person--cancelled">
                  <p>
                    <strong>{c.name}</strong> <span className="muted">({c.code})</span> · {formatDateTime(c.cancelledAt)} ·{" "}
                    {c.reason === "CERTIFICATION_REVOKED"
                      ? t("roster.cancel.byRevocation")
                      : c.reason === "PERSON_LEFT"
                        ? t("roster.cancel.byLeaving")
                        : c.reason === "REQUIREMENT_LOST"
                          ? t("roster.cancel.byRequirement")
                          : c.reason}
                  </p>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="candidates-h">
        <div className="spread">
          <h2 id="candidates-h">{t("roster.candidates.title")}</h2>
          <Link to={toggle}>{all ? t("roster.candidates.stationOnly") : t("roster.candidates.wholeScope")}</Link>
        </div>
        <p className="muted">{all ? t("roster.candidates.scopeHint") : t("roster.candidates.stationHint")}</p>
        {canAssign ? <p className="muted">{t("roster.candidates.tryHint")}</p> : null}

        <CandidateGroup
          id="eligible-h"
          title={t("roster.candidates.eligible", { count: eligible.length })}
          empty={t("roster.candidates.noneEligible")}
          people={eligible}
          {...cardProps}
        />
        <CandidateGroup
          id="ineligible-h"
          title={t("roster.candidates.ineligible", { count: ineligible.length })}
          empty={t("roster.candidates.noneIneligible")}
          people={ineligible}
          {...cardProps}
        />
      </section>
    </div>
  );
}
