import { data, Form, Link } from "react-router";
import type { Route } from "./+types/roster.admin";
import {
  certificationTypeIdsOf,
  dutyTypeCreateSchema,
  dutyTypeUpdateSchema,
  stationCreateSchema,
  stationRenameSchema,
} from "~/services/roster/forms.ts";
import { createDutyType, createStation, renameStation, rosterAdminData, updateDutyType } from "~/services/roster/roster-admin.server.ts";
import { requireStation } from "~/services/roster/stations.server.ts";
import { unitsInScope } from "~/services/units.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";
import { DutyFields, Err, StationRename } from "~/components/roster/roster-admin-parts.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Quản trị lịch trực · Lịch trực KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "roster:admin");
  const [admin, units] = await Promise.all([rosterAdminData(scope), unitsInScope(scope)]);
  return { ...admin, units: units.map(({ id, code, name, kind, depth }) => ({ id, code, name, kind, depth })) };
}

type ActionData = {
  intent: string;
  target: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  certIds: number[];
  brokenShiftId?: number | null;
};

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "roster:admin");
  const t = serverT(args);
  const now = new Date();
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const target = values.stationId ?? values.dutyTypeId ?? "new";
  const certIds = certificationTypeIdsOf(form);
  const fail = (errors: Record<string, string>) =>
    data<ActionData>({ intent, target, errors: translateErrors(errors, t), values, certIds }, { status: 400 });
  const saved = () => redirectWithFlash("/roster/admin", "roster.admin.saved");

  if (intent === "createStation") {
    const parsed = parseForm(form, stationCreateSchema);
    if (!parsed.ok) return fail(parsed.errors);
    const result = await createStation(user, parsed.data, now);
    if (!result.ok) return fail(result.code === "UNIT_NOT_ALLOWED" ? { unitId: "roster.error.unit" } : { code: "roster.error.codeTaken" });
    return saved();
  }

  if (intent === "renameStation") {
    const parsed = parseForm(form, stationRenameSchema);
    if (!parsed.ok) return fail(parsed.errors);
    const station = await requireStation(user.grants, "roster:admin", parsed.data.stationId);
    await renameStation(user.personId, station, parsed.data.name, now);
    return saved();
  }

  if (intent === "createDutyType") {
    const parsed = parseForm(form, dutyTypeCreateSchema);
    if (!parsed.ok) return fail(parsed.errors);
    const result = await createDutyType(user.personId, { ...parsed.data, certificationTypeIds: certIds }, now);
    if (!result.ok) return fail({ code: "roster.error.codeTaken" });
    return saved();
  }

  if (intent === "updateDutyType") {
    const parsed = parseForm(form, dutyTypeUpdateSchema);
    if (!parsed.ok) return fail(parsed.errors);
    const { dutyTypeId, ...fields } = parsed.data;
    const result = await updateDutyType(user.personId, dutyTypeId, { ...fields, certificationTypeIds: certIds }, now);
    if (!result.ok && result.code === "NOT_FOUND") return fail({ _form: "roster.error.invalid" });
    if (!result.ok) {
      return data<ActionData>(
        {
          intent,
          target,
          errors: { _form: t("roster.admin.dutyRefused") },
          values,
          certIds,
          brokenShiftId: result.reasons?.[0]?.shiftId ?? null,
        },
        { status: 409 },
      );
    }
    return saved();
  }

  return fail({ _form: "roster.error.invalid" });
}

export default function RosterAdmin({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { stations, dutyTypes, certificationTypes, units } = loaderData;
  const mine = (intent: string, target: string) =>
    actionData && actionData.intent === intent && actionData.target === target ? actionData : undefined;
  const formAlert = (a: ActionData | undefined) =>
    a && Object.keys(a.errors).length ? (
      <div role="alert" className="alert alert--error">
        <p>{a.errors._form ?? t("form.errors")}</p>
        {a.brokenShiftId ? (
          <p>
            <Link to={`/roster/shifts/${a.brokenShiftId}`}>{t("roster.admin.dutyRefusedLink")}</Link>
          </p>
        ) : null}
      </div>
    ) : null;

  const newStation = mine("createStation", "new");
  const newDuty = mine("createDutyType", "new");
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/roster">{t("roster.back")}</Link>
      </p>
      <h1>{t("roster.admin.title")}</h1>
      <p className="lead">{t("roster.admin.intro")}</p>

      <section className="card stack" aria-labelledby="stations-h">
        <h2 id="stations-h">{t("roster.admin.stations")}</h2>
        {stations.length === 0 ? (
          <p className="empty">{t("roster.stations.none")}</p>
        ) : (
          <ul className="roster-list">
            {stations.map((s) => {
              const a = mine("renameStation", String(s.id));
              return <StationRename key={s.id} station={s} state={a} alert={formAlert(a)} />;
            })}
          </ul>
        )}

        <h3>{t("roster.admin.newStation")}</h3>
        {formAlert(newStation)}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="createStation" />
          <div className="row roster-form-row">
            <label className="field">
              <span>{t("roster.admin.stationCode")}</span>
              <input
                name="code"
                required
                maxLength={40}
                autoCapitalize="characters"
                defaultValue={newStation?.values.code ?? ""}
                aria-invalid={newStation?.errors.code ? true : undefined}
                aria-describedby={newStation?.errors.code ? "ns-code-error" : "ns-code-hint"}
              />
              <small id="ns-code-hint">{t("roster.admin.codeHint")}</small>
              <Err errors={newStation?.errors ?? {}} name="code" id="ns-code-error" />
            </label>
            <label className="field">
              <span>{t("roster.admin.stationName")}</span>
              <input
                name="name"
                required
                maxLength={200}
                defaultValue={newStation?.values.name ?? ""}
                aria-invalid={newStation?.errors.name ? true : undefined}
                aria-describedby={newStation?.errors.name ? "ns-name-error" : undefined}
              />
              <Err errors={newStation?.errors ?? {}} name="name" id="ns-name-error" />
            </label>
          </div>
          <label className="field">
            <span>{t("roster.admin.stationUnitField")}</span>
            <select
              name="unitId"
              required
              defaultValue={newStation?.values.unitId ?? ""}
              aria-invalid={newStation?.errors.unitId ? true : undefined}
              aria-describedby={newStation?.errors.unitId ? "ns-unit-error" : undefined}
            >
              <option value="" disabled>
                {t("roster.admin.unitChoose")}
              </option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {"\u00a0\u00a0".repeat(u.depth)}
                  {u.name} ({u.code})
                </option>
              ))}
            </select>
            <Err errors={newStation?.errors ?? {}} name="unitId" id="ns-unit-error" />
          </label>
          <p>
            <button type="submit" className="button">
              {t("roster.admin.createStation")}
            </button>
          </p>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="duties-h">
        <h2 id="duties-h">{t("roster.admin.duties")}</h2>
        <p className="muted">{t("roster.admin.dutiesHint")}</p>
        {dutyTypes.length === 0 ? <p className="empty">{t("roster.admin.noDuties")}</p> : null}
        {dutyTypes.map((d) => {
          const a = mine("updateDutyType", String(d.id));
          const v = a?.values;
          return (
            <details key={d.id} className="roster-duty" open={Boolean(a)}>
              <summary>
                <strong>{d.name}</strong> <span className="muted">({d.code})</span> ·{" "}
                {t("roster.admin.dutySummary", { months: d.minExperienceMonths, shifts: d.shifts })}
                {d.requiresCommitment ? ` · ${t("roster.admin.commitmentShort")}` : ""}
              </summary>
              <Form method="post" className="stack">
                {formAlert(a)}
                <input type="hidden" name="intent" value="updateDutyType" />
                <input type="hidden" name="dutyTypeId" value={d.id} />
                <DutyFields
                  prefix={`duty-${d.id}`}
                  errors={a?.errors ?? {}}
                  name={v?.name ?? d.name}
                  months={v?.minExperienceMonths ?? String(d.minExperienceMonths)}
                  commitment={v ? v.requiresCommitment === "on" : d.requiresCommitment}
                  certificationTypes={certificationTypes}
                  isTicked={(id) => (a ? a.certIds : d.certificationTypeIds).includes(id)}
                />
                <p>
                  <button type="submit" className="button">
                    {t("roster.admin.saveDuty")}
                  </button>
                </p>
              </Form>
            </details>
          );
        })}

        <h3>{t("roster.admin.newDuty")}</h3>
        {formAlert(newDuty)}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="createDutyType" />
          <label className="field">
            <span>{t("roster.admin.dutyCode")}</span>
            <input
              name="code"
              required
              maxLength={40}
              autoCapitalize="characters"
              defaultValue={newDuty?.values.code ?? ""}
              aria-invalid={newDuty?.errors.code ? true : undefined}
              aria-describedby={newDuty?.errors.code ? "nd-code-error" : "nd-code-hint"}
            />
            <small id="nd-code-hint">{t("roster.admin.codeHint")}</small>
            <Err errors={newDuty?.errors ?? {}} name="code" id="nd-code-error" />
          </label>
          <DutyFields
            prefix="duty-new"
            errors={newDuty?.errors ?? {}}
            name={newDuty?.values.name ?? ""}
            months={newDuty?.values.minExperienceMonths ?? "6"}
            commitment={newDuty ? newDuty.values.requiresCommitment === "on" : true}
            certificationTypes={certificationTypes}
            isTicked={(id) => (newDuty?.certIds ?? []).includes(id)}
          />
          <p>
            <button type="submit" className="button">
              {t("roster.admin.createDuty")}
            </button>
          </p>
        </Form>
      </section>
    </div>
  );
}
